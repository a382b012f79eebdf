using BackOffice.Data;
using BackOffice.Features.Scanning;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOffice.Tests.Scanning;

public class ScanPipelineOnSqliteTests(SeededCounty county) : ScanPipelineTests<SeededCounty>(county)
{
    [Fact]
    public async Task A_file_still_being_written_is_not_taken_until_it_has_settled_and_is_whole()
    {
        var (_, watcher, _, _) = Parts();
        var folder = ScannerFolder();
        var scan = await Scans.ScanAsync("Halb geschrieben");
        var path = Path.Combine(folder, "halb.pdf");
        var t0 = DateTime.UtcNow;
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read))
        {
            await file.WriteAsync(scan.AsMemory(0, scan.Length / 2));
            await file.FlushAsync();
            Assert.Equal(0, await watcher.PollAsync(t0));
            Assert.Equal(0, await watcher.PollAsync(t0.AddSeconds(10))); // unchanged, but the scanner still holds it open
            Assert.True(File.Exists(path));
            await file.WriteAsync(scan.AsMemory(scan.Length / 2));
        }
        Assert.Equal(0, await watcher.PollAsync(t0.AddSeconds(11))); // it changed: the settle time starts again
        Assert.Equal(0, await watcher.PollAsync(t0.AddSeconds(11.5)));
        Assert.Equal(1, await watcher.PollAsync(t0.AddSeconds(13)));
        Assert.False(File.Exists(path));

        // A writer that holds no lock and pauses (a network share, a script): half a PDF has no end mark yet.
        var paused = Path.Combine(folder, "pause.pdf");
        await File.WriteAllBytesAsync(paused, scan[..(scan.Length / 2)]);
        var t1 = DateTime.UtcNow;
        await watcher.PollAsync(t1);
        Assert.Equal(0, await watcher.PollAsync(t1.AddSeconds(5)));
        await using (var rest = new FileStream(paused, FileMode.Append)) await rest.WriteAsync(scan.AsMemory(scan.Length / 2));
        await watcher.PollAsync(t1.AddSeconds(6));
        Assert.Equal(1, await watcher.PollAsync(t1.AddSeconds(8)));
        // A file that never becomes whole is taken after ten times the settle time, to wait under "Fehler".
        var broken = Path.Combine(folder, "abgebrochen.pdf");
        await File.WriteAllBytesAsync(broken, scan[..(scan.Length / 2)]);
        var t2 = DateTime.UtcNow;
        await watcher.PollAsync(t2);
        Assert.Equal(0, await watcher.PollAsync(t2.AddSeconds(5)));
        Assert.Equal(1, await watcher.PollAsync(t2.AddSeconds(11)));

        await using var db = county.Db.Open(UnitScope.System);
        var batch = await db.ScanBatches.Where(b => b.FileName == "halb.pdf").OrderByDescending(b => b.Id).FirstAsync();
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(scan)),
            await db.ScanBatches.Where(b => b.FileName == "pause.pdf").Select(b => b.Sha256).SingleAsync());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(scan)), batch.Sha256);
        Assert.Equal(Path.GetFileName(folder), batch.Scanner);
        Assert.True(File.Exists(Path.Combine(county.Db.Options.ScanOriginalsPath, batch.OriginalName)));
    }

    [Fact]
    public async Task Separator_sheets_split_a_stack_into_documents_route_the_ones_after_them_and_blank_pages_are_left_out()
    {
        var (intake, _, reader, check) = Parts();
        county.Db.Options.Scanning.DropBlankPages = true;
        try
        {
            var unitId = await county.UnitIdAsync("50.2");
            var separator = ScanSeparatorSheets.Pdf([new(ScanSeparators.Code("50.2"), "50.2")]);
            var stack = await Scans.StackAsync(Scans.Page.Letter("Erstes Schreiben"), Scans.Page.Blank(), new Scans.Page(separator, null),
                Scans.Page.Letter("Zweites Schreiben"), Scans.Page.Letter("Anlage zum zweiten"), Scans.Page.PatchT(), Scans.Page.Letter("Drittes Schreiben"), Scans.Page.Blank());
            var taken = await intake.TakeUploadAsync("stapel.pdf", new MemoryStream(stack), "mailroom");
            await reader.ReadAsync(taken.Value!.Id);

            await using var db = county.Db.Open(UnitScope.System);
            var batch = await db.ScanBatches.Include(b => b.Documents).SingleAsync(b => b.Id == taken.Value.Id);
            Assert.True(batch.Step == ScanStep.ToCheck, batch.Error);
            Assert.Equal(8, batch.Pages);
            var docs = batch.Documents.OrderBy(d => d.FirstPage).ToList();
            Assert.Equal(["1", "4-5", "7"], docs.Select(d => d.SourcePages));
            Assert.Equal([1, 0, 1], docs.Select(d => d.BlankPagesDropped));
            Assert.Equal([1, 2, 1], docs.Select(d => d.PageCount));
            Assert.Equal([null, unitId, null], docs.Select(d => d.ProposedUnitId));
            Assert.Contains("Trennblatt für 50.2", docs[1].ProposalReason);
            foreach (var (doc, word) in docs.Zip(["Erstes", "Zweites", "Drittes"]))
            {
                Assert.Contains(word, doc.Text);
                var pdf = county.Store.PathOf(doc.PdfSha256);
                Assert.Contains("pdfaid:part", System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(pdf))); // still PDF/A
            }
            Assert.Contains("Anlage", docs[1].Text);
            Assert.DoesNotContain("TRENNBLATT", string.Concat(docs.Select(d => d.Text)));

            // Without the setting, blank pages stay; a stack of nothing but separators and blank pages fails with a reason.
            county.Db.Options.Scanning.DropBlankPages = false;
            var blanks = await intake.TakeUploadAsync("leer-gescannt.pdf", new MemoryStream(await Scans.StackAsync(Scans.Page.PatchT(), Scans.Page.Blank())), "mailroom");
            await reader.ReadAsync(blanks.Value!.Id);
            Assert.Equal("1", (await db.ScanDocuments.SingleAsync(d => d.BatchId == blanks.Value.Id)).PageCount.ToString());
            county.Db.Options.Scanning.DropBlankPages = true;
            var nothing = await intake.TakeUploadAsync("nichts.pdf", new MemoryStream(await Scans.StackAsync(Scans.Page.PatchT(), Scans.Page.Blank())), "mailroom");
            await reader.ReadAsync(nothing.Value!.Id);
            Assert.Contains("nur Trennblätter und leere Seiten", (await db.ScanBatches.AsNoTracking().SingleAsync(b => b.Id == nothing.Value.Id)).Error);
        }
        finally { county.Db.Options.Scanning.DropBlankPages = false; }
    }

    [Fact]
    public async Task A_keyword_rule_routes_above_the_threshold_without_a_check_and_the_transfer_note_says_how_it_was_scanned()
    {
        var (intake, _, reader, _) = Parts();
        var unitId = await county.UnitIdAsync("50.2");
        await using (var admin = county.Db.Open(UnitScope.System))
        {
            Assert.True((await ScanAdministration.AddRuleAsync(admin, new(unitId, null, ScanRuleMatch.Phrase, "Heizkostenzuschuss beantragen"))).IsDone);
            Assert.Contains("schon", (await ScanAdministration.AddRuleAsync(admin, new(unitId, null, ScanRuleMatch.Phrase, "heizkostenzuschuss Beantragen"))).Message);
            Assert.False((await ScanAdministration.AddRuleAsync(admin, new(unitId, null, ScanRuleMatch.Pattern, "(offen"))).IsDone);
            Assert.False((await ScanAdministration.SaveSettingsAsync(admin, new ScanSetting { AutoRoutePercent = 20 })).IsDone);
            Assert.True((await ScanAdministration.SaveSettingsAsync(admin, new ScanSetting { AutoRoutePercent = 90, QualityCheckPercent = 0, OriginalsKeptWeeks = 6 })).IsDone);
        }
        try
        {
            var subject = $"Heizkostenzuschuss beantragen {Guid.NewGuid():N}"[..40];
            var taken = await intake.TakeUploadAsync("heizung.pdf", new MemoryStream(await Scans.ScanAsync(subject)), "mailroom");
            await reader.ReadAsync(taken.Value!.Id);

            await using var db = county.Db.Open(UnitScope.System);
            var doc = await db.ScanDocuments.Include(d => d.Batch).SingleAsync(d => d.BatchId == taken.Value.Id);
            Assert.Equal(ScanDocumentState.Confirmed, doc.State);
            Assert.True(doc.RoutedAutomatically);
            Assert.Equal(90, doc.Confidence);
            Assert.Contains("Regel", doc.ProposalReason);
            var item = await db.InboxItems.Include(i => i.Documents).SingleAsync(i => i.Id == doc.InboxItemId);
            Assert.Equal(unitId, item.UnitId);
            var (_, _, _, overviewCheck) = Parts();
            Assert.Contains((await overviewCheck.OverviewAsync()).RoutedToday, r => r.FileName == "heizung.pdf" && r.Unit.StartsWith("50.2"));
            var note = Assert.Single(item.Documents).TransferNote;
            Assert.NotNull(note);
            Assert.Contains("Transfervermerk", note);
            Assert.Contains(doc.Batch!.Sha256, note); // the capture's check value
            Assert.Contains(doc.PdfSha256, note);
            Assert.Contains("ohne Prüfung weitergeleitet", note);
            Assert.Contains("dpi", note); // the scan profile read from the images
            Assert.Equal(DateOnly.FromDateTime(BackOffice.Shared.Labels.Local(doc.Batch.CapturedAt)).AddDays(42), doc.Batch.DestroyFrom);

            // Drawn for the quality check: never routed without it, and the confirmation needs it.
            await using (var admin = county.Db.Open(UnitScope.System))
                await ScanAdministration.SaveSettingsAsync(admin, new ScanSetting { AutoRoutePercent = 90, QualityCheckPercent = 100, OriginalsKeptWeeks = 6 });
            var sampled = await intake.TakeUploadAsync("heizung-2.pdf", new MemoryStream(await Scans.ScanAsync(subject + " 2")), "mailroom");
            await reader.ReadAsync(sampled.Value!.Id);
            var waiting = await db.ScanDocuments.AsNoTracking().SingleAsync(d => d.BatchId == sampled.Value.Id);
            Assert.Equal(ScanDocumentState.ToCheck, waiting.State);
            Assert.True(waiting.QualitySample);
            var (_, _, _, check) = Parts();
            var refused = await check.ConfirmAsync(waiting.Id, new ScanCheck.Confirmation(unitId, false, "Heizung", "Kaiser", null), "mailroom", null);
            Assert.Contains("Qualitätsprüfung", refused.Message);
            var done = await check.ConfirmAsync(waiting.Id, new ScanCheck.Confirmation(unitId, false, "Heizung", "Kaiser", null, QualityChecked: true, Remark: "Seite 1 leicht eingerissen"),
                "mailroom", null);
            Assert.True(done.IsDone, done.Message);
            var checkedNote = await db.Documents.Where(d => d.InboxItem!.Subject == "Heizung").Select(d => d.TransferNote).SingleAsync();
            Assert.Contains("jede Seite mit dem Papier verglichen von mailroom", checkedNote);
            Assert.Contains("Seite 1 leicht eingerissen", checkedNote);
        }
        finally
        {
            await using var admin = county.Db.Open(UnitScope.System);
            await ScanAdministration.SaveSettingsAsync(admin, new ScanSetting());
            await admin.ScanRules.ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task A_service_with_its_own_quality_check_share_has_its_documents_drawn_by_it()
    {
        var (intake, _, reader, _) = Parts();
        int serviceId;
        string serviceKey;
        await using (var admin = county.Db.Open(UnitScope.System))
        {
            (serviceId, serviceKey) = await admin.Services.Where(s => s.Unit!.Key == "50.2").OrderBy(s => s.Id).Select(s => ValueTuple.Create(s.Id, s.Key)).FirstAsync();
            Assert.True((await ScanAdministration.SaveSettingsAsync(admin, new ScanSetting { QualityCheckPercent = 0, OriginalsKeptWeeks = 6 })).IsDone);
            Assert.False((await ScanAdministration.SetQualityRateAsync(admin, serviceId, 120)).IsDone);
            Assert.True((await ScanAdministration.SetQualityRateAsync(admin, serviceId, 100)).IsDone);
            Assert.Equal(100, Assert.Single(await ScanAdministration.QualityRatesAsync(admin)).Percent);
        }
        try
        {
            var separator = ScanSeparatorSheets.Pdf([new(ScanSeparators.Code(serviceKey: serviceKey), "Leistung")]);
            var stack = await Scans.StackAsync(new Scans.Page(separator, null), Scans.Page.Letter("Mit Leistung"), Scans.Page.PatchT(), Scans.Page.Letter("Ohne Leistung"));
            var taken = await intake.TakeUploadAsync("stichprobe.pdf", new MemoryStream(stack), "mailroom");
            await reader.ReadAsync(taken.Value!.Id);
            await using var db = county.Db.Open(UnitScope.System);
            var docs = await db.ScanDocuments.AsNoTracking().Where(d => d.BatchId == taken.Value.Id).OrderBy(d => d.FirstPage).ToListAsync();
            Assert.Equal([serviceId, (int?)null], docs.Select(d => d.ProposedServiceId));
            Assert.Equal([true, false], docs.Select(d => d.QualitySample));
        }
        finally
        {
            await using var admin = county.Db.Open(UnitScope.System);
            await ScanAdministration.SetQualityRateAsync(admin, serviceId, null);
            await ScanAdministration.SaveSettingsAsync(admin, new ScanSetting());
        }
    }

    [Fact]
    public async Task The_mail_room_splits_rotates_removes_and_merges_pages_and_each_result_stays_PDF_A()
    {
        var (intake, _, reader, check) = Parts();
        var edits = new ScanPageEdits(county.Db, county.Store, Learning, new ScanEvents(), Microsoft.Extensions.Options.Options.Create(county.Db.Options));
        var stack = await Scans.StackAsync(Scans.Page.Letter("Erster Brief"), Scans.Page.Letter("Anlage eins"), Scans.Page.Letter("Zweiter Brief"));
        var taken = await intake.TakeUploadAsync("seiten.pdf", new MemoryStream(stack), "mailroom");
        await reader.ReadAsync(taken.Value!.Id);
        await using var db = county.Db.Open(UnitScope.System);
        var doc = await db.ScanDocuments.AsNoTracking().SingleAsync(d => d.BatchId == taken.Value.Id);
        Assert.Equal(3, doc.PageCount);

        Assert.True((await edits.SplitAsync(doc.Id, 3, "mailroom")).IsDone);
        var docs = await db.ScanDocuments.AsNoTracking().Where(d => d.BatchId == taken.Value.Id).OrderBy(d => d.FirstPage).ToListAsync();
        Assert.Equal([2, 1], docs.Select(d => d.PageCount));
        Assert.Equal(["1-2", "3"], docs.Select(d => d.SourcePages));
        Assert.Contains("Zweiter", docs[1].Text);
        Assert.DoesNotContain("Zweiter", docs[0].Text);
        Assert.Equal(2, await PagesAsync(docs[0].PdfSha256));

        Assert.True((await edits.RotateAsync(doc.Id, 1, "mailroom")).IsDone);
        var rotated = await db.ScanDocuments.AsNoTracking().SingleAsync(d => d.Id == doc.Id);
        Assert.Contains("/Rotate 90", await PdfObjectsAsync(rotated.PdfSha256));
        Assert.Contains("pdfaid:part", System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(county.Store.PathOf(rotated.PdfSha256))));

        Assert.True((await edits.RemovePageAsync(doc.Id, 2, "mailroom")).IsDone);
        Assert.False((await edits.RemovePageAsync(doc.Id, 1, "mailroom")).IsDone); // the last page: "Neu scannen" instead
        Assert.False((await edits.SplitAsync(doc.Id, 1, "mailroom")).IsDone);
        Assert.True((await edits.MergeWithNextAsync(doc.Id, "mailroom")).IsDone);
        var merged = await db.ScanDocuments.AsNoTracking().Where(d => d.BatchId == taken.Value.Id).ToListAsync();
        var only = Assert.Single(merged);
        Assert.Equal((2, "1,3"), (only.PageCount, only.SourcePages));
        Assert.Contains("Erster", only.Text);
        Assert.Contains("Zweiter", only.Text);
        Assert.DoesNotContain("Anlage", only.Text);
        Assert.Equal(2, await PagesAsync(only.PdfSha256));
        Assert.False((await edits.MergeWithNextAsync(doc.Id, "mailroom")).IsDone);
    }

    [Fact]
    public async Task Paper_originals_are_listed_once_due_and_recorded_as_destroyed_with_who_and_when()
    {
        var (intake, _, reader, check) = Parts();
        var originals = new ScanOriginals(county.Db, Microsoft.Extensions.Options.Options.Create(county.Db.Options));
        var taken = await intake.TakeUploadAsync("papier.pdf", new MemoryStream(await Scans.ScanAsync("Papier")), "mailroom");
        await reader.ReadAsync(taken.Value!.Id);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.DoesNotContain((await originals.ListAsync(today.AddDays(60))).Rows, r => r.BatchId == taken.Value.Id); // not checked yet
        await using (var db = county.Db.Open(UnitScope.System))
        {
            var doc = await db.ScanDocuments.SingleAsync(d => d.BatchId == taken.Value.Id);
            Assert.True((await check.ConfirmAsync(doc.Id, new(await county.UnitIdAsync("50.1"), false, "Papier", "Kaiser", null, QualityChecked: true), "mailroom", null)).IsDone);
        }
        Assert.DoesNotContain((await originals.ListAsync(today.AddDays(40))).Rows, r => r.BatchId == taken.Value.Id); // kept six weeks
        var due = await originals.ListAsync(today.AddDays(43));
        Assert.Contains(due.Rows, r => r.BatchId == taken.Value.Id);
        var original = Path.Combine(county.Db.Options.ScanOriginalsPath, taken.Value.OriginalName);
        Assert.True(File.Exists(original));

        var recorded = await originals.MarkDestroyedAsync([taken.Value.Id], today.AddDays(43), "mailroom");
        Assert.Contains("als vernichtet eingetragen", recorded.Message);
        Assert.False(File.Exists(original));
        await using (var db = county.Db.Open(UnitScope.System))
        {
            var batch = await db.ScanBatches.SingleAsync(b => b.Id == taken.Value.Id);
            Assert.Equal("mailroom", batch.DestroyedBy);
            Assert.NotNull(batch.DestroyedAt);
            Assert.True(await db.AuditEvents.AnyAsync(e => e.EntityType == nameof(ScanBatch) && e.EntityId == batch.Id.ToString() && e.Details!.Contains("DestroyedBy")));
        }
        Assert.False((await originals.MarkDestroyedAsync([taken.Value.Id], today.AddDays(43), "mailroom")).IsDone);
    }

    [Fact]
    public async Task The_learned_routing_trains_on_confirmed_scans_measures_itself_on_held_back_ones_and_guesses_the_unit()
    {
        var learning = Learning;
        int social = await county.UnitIdAsync("50.1"), housing = await county.UnitIdAsync("50.2");
        await using (var db = county.Db.Open(UnitScope.System))
        {
            // Confirmed scans of two units, each with its own words, linked to inbox items of those units.
            var items = await db.InboxItems.Where(i => i.UnitId == social || i.UnitId == housing).Select(i => new { i.Id, i.UnitId }).ToListAsync();
            var batch = new ScanBatch { Scanner = "lernen", FileName = "lernen.pdf", OriginalName = "lernen.pdf", Sha256 = new string('0', 64), Step = ScanStep.Done };
            var random = new Random(3);
            string[] socialWords = ["Eingliederungshilfe", "Assistenz", "Teilhabe", "Werkstatt", "Pflegegrad", "Arztbericht"];
            string[] housingWords = ["Wohngeld", "Miete", "Mietvertrag", "Heizkosten", "Vermieter", "Wohnfläche"];
            for (var i = 0; i < 60; i++)
            {
                var toSocial = i % 2 == 0;
                var item = items.Where(x => x.UnitId == (toSocial ? social : housing)).ElementAt(i / 2 % 5);
                var words = (toSocial ? socialWords : housingWords).OrderBy(_ => random.Next()).Take(3);
                batch.Documents.Add(new ScanDocument
                {
                    FirstPage = i + 1, PageCount = 1, PdfSha256 = new string('1', 64), State = ScanDocumentState.Confirmed, InboxItemId = item.Id,
                    Text = $"Sehr geehrte Damen und Herren, es geht um {string.Join(" und ", words)}. Mit freundlichen Grüßen",
                });
            }
            db.ScanBatches.Add(batch);
            await db.SaveChangesAsync();
        }

        var trained = await learning.TrainAsync();
        Assert.NotNull(trained);
        Assert.True(trained.HeldOut > 0);
        Assert.True(trained.Accuracy >= 0.8, $"{trained.Accuracy:P0} on {trained.HeldOut}");
        await using (var db = county.Db.Open(UnitScope.System))
        {
            var guess = await learning.GuessAsync(db, "Ich bitte um Wohngeld, der Mietvertrag und die Heizkosten liegen bei.");
            Assert.Equal(housing, guess!.UnitId);
            Assert.InRange(guess.Confidence, 1, 100);
            var proposal = await ScanProposals.FindAsync(db, "Frage zur Eingliederungshilfe und Teilhabe in der Werkstatt", null, learning);
            Assert.Equal(social, proposal.UnitId);
            Assert.Contains("gelernt", proposal.Reason);
            var shown = await ScanAdministration.LearningAsync(db);
            Assert.Equal(trained.Accuracy, shown.Model!.Accuracy);
            Assert.True(shown.Confirmed >= 60);
            // The mail room may pick another: the stored proposal first, then the learned guesses for other units.
            var choices = await ScanProposals.ChoicesAsync(db, "Wohngeld, Mietvertrag und Heizkosten", new ScanProposals.Proposal(social, null, "Regel", null, 60), learning);
            Assert.Equal([social, housing], choices.Select(c => c.UnitId).Take(2));
            Assert.Contains("gelernt", choices[1].Reason);
            // Nothing new confirmed since: no training is due.
            Assert.Null(await learning.TrainIfDueAsync());
            await db.ScanBatches.Where(b => b.Scanner == "lernen").ExecuteDeleteAsync();
            await db.ScanModels.ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task A_sender_with_an_open_file_proposes_that_files_unit_surer_when_the_address_matches_too()
    {
        await using var db = county.Db.Open(UnitScope.System);
        // A name whose open files are all in one unit (the demo repeats names across units: those make no proposal).
        var open = db.CaseFiles.Where(f => f.ClosedAt == null && f.ApplicantName != null && f.ApplicantName.Contains(" "));
        var name = await open.GroupBy(f => f.ApplicantName).Where(g => g.Select(f => f.UnitId).Distinct().Count() == 1).Select(g => g.Key).OrderBy(n => n).FirstAsync();
        var ambiguous = await open.GroupBy(f => f.ApplicantName).Where(g => g.Select(f => f.UnitId).Distinct().Count() > 1).Select(g => g.Key).FirstOrDefaultAsync();
        var file = await open.Where(f => f.ApplicantName == name).OrderBy(f => f.Id).FirstAsync();
        file.ApplicantAddress = "Lindenstraße 4, 55765 Birkenfeld";
        await db.SaveChangesAsync();
        // The file says "Bauer, Anna"; the letter is signed as people sign: "Anna Bauer".
        string Signed(string filed) => filed.Split(", ") is [var last, var first] ? $"{first} {last}" : filed;
        name = Signed(name!);
        ambiguous = ambiguous is null ? null : Signed(ambiguous);

        var withAddress = await ScanProposals.FindAsync(db, $"{name}, Lindenstraße 4, 55765 Birkenfeld\n\nBetreff: Frage\nSehr geehrte Damen und Herren", null, null);
        Assert.Equal(file.UnitId, withAddress.UnitId);
        Assert.Equal(75, withAddress.Confidence);
        Assert.Contains(file.Reference, withAddress.Reason);
        var nameOnly = await ScanProposals.FindAsync(db, $"{name}, Bahnhofstraße 1, 55743 Idar-Oberstein\n\nBetreff: Frage", null, null);
        Assert.Equal((file.UnitId, 60), (nameOnly.UnitId, nameOnly.Confidence));
        Assert.Null((await ScanProposals.FindAsync(db, "Niemand Bekanntes, Weg 1, 55765 Birkenfeld\n\nBetreff: Frage", null, null)).UnitId);
        if (ambiguous is not null)
            Assert.Null((await ScanProposals.FindAsync(db, $"{ambiguous}, Weg 1, 55765 Birkenfeld\n\nBetreff: Frage", null, null)).UnitId);
    }

    private async Task<int> PagesAsync(string sha)
    {
        var info = await BackOffice.Infrastructure.ExternalTool.RunAsync("pdfinfo", [county.Store.PathOf(sha)], TimeSpan.FromSeconds(30));
        return int.Parse(info.Output.Split('\n').Single(l => l.StartsWith("Pages:"))[6..].Trim());
    }

    /// <summary>The PDF's objects uncompressed (qpdf's QDF form, through pikepdf), to read page dictionaries.</summary>
    private async Task<string> PdfObjectsAsync(string sha)
    {
        var path = county.Store.PathOf(sha);
        var result = await BackOffice.Infrastructure.ExternalTool.RunAsync("/usr/bin/python3",
            ["-c", $"import pikepdf; p = pikepdf.open('{path}'); print([str(pg.obj.get('/Rotate')) for pg in p.pages])"], TimeSpan.FromSeconds(30));
        return string.Join(' ', result.Output.Replace("'", "").Trim('[', ']', '\n').Split(", ").Select(r => $"/Rotate {r}"));
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_reading_reads_the_batch_again_from_its_original_and_stores_it_once()
    {
        var (intake, _, reader, _) = Parts();
        var stack = await Scans.StackAsync(Scans.Page.Letter("Neustart eins"), Scans.Page.Letter("Neustart zwei"), Scans.Page.Letter("Neustart drei"));
        var taken = await intake.TakeUploadAsync("neustart.pdf", new MemoryStream(stack), "mailroom");
        // The process stops while ocrmypdf works (the tools are killed with it): nothing is recorded as read.
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.ReadAsync(taken.Value!.Id, stop.Token));
        await using var db = county.Db.Open(UnitScope.System);
        var batch = await db.ScanBatches.AsNoTracking().Include(b => b.Documents).SingleAsync(b => b.Id == taken.Value!.Id);
        Assert.Equal(ScanStep.Taken, batch.Step);
        Assert.Empty(batch.Documents);
        Assert.True(File.Exists(Path.Combine(county.Db.Options.ScanOriginalsPath, batch.OriginalName)));

        // After the restart the next reader takes it up (oldest first) and stores its document once.
        var (_, _, again, _) = Parts();
        while (await db.ScanBatches.AnyAsync(b => b.Step == ScanStep.Taken && b.Id <= taken.Value!.Id)) Assert.True(await again.ReadNextAsync());
        var read = await db.ScanBatches.AsNoTracking().Include(b => b.Documents).SingleAsync(b => b.Id == taken.Value!.Id);
        Assert.Equal(ScanStep.ToCheck, read.Step);
        var doc = Assert.Single(read.Documents);
        Assert.Equal(3, doc.PageCount);
        Assert.Contains("Neustart", doc.Text);
    }

    [Fact]
    public async Task A_symbolic_link_in_a_scanners_folder_is_not_followed()
    {
        var (_, watcher, _, _) = Parts();
        var elsewhere = Path.Combine(county.Db.Directory, $"anderswo-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(elsewhere, BackOffice.Infrastructure.SimplePdf.Create("Geheim", ["nicht für die Scanstelle"]));
        var folder = ScannerFolder();
        File.CreateSymbolicLink(Path.Combine(folder, "verweis.pdf"), elsewhere);
        Directory.CreateSymbolicLink(Path.Combine(county.Db.Options.ScanInboxPath, $"verweis-{Guid.NewGuid():N}"), Path.GetDirectoryName(elsewhere)!);
        var now = DateTime.UtcNow;
        await watcher.PollAsync(now);
        Assert.Equal(0, await watcher.PollAsync(now.AddSeconds(30)));
        Assert.True(File.Exists(elsewhere));
        await using var db = county.Db.Open(UnitScope.System);
        Assert.False(await db.ScanBatches.AnyAsync(b => b.FileName == "verweis.pdf" || b.FileName.StartsWith("anderswo-")));
    }

    [Fact]
    public async Task Corrupt_encrypted_and_empty_files_fail_with_a_German_reason_keep_their_original_and_can_be_retried_or_discarded()
    {
        var (intake, _, reader, check) = Parts();
        var pdf = await Scans.ScanAsync("Kaputt");
        var cases = new (string Name, byte[] Content, string Reason)[]
        {
            ("kaputt.pdf", pdf[..(pdf.Length / 3)], "beschädigt"),
            ("text.pdf", "Das ist kein PDF, nur Text."u8.ToArray(), "weder ein PDF noch ein TIFF"),
            ("geschuetzt.pdf", await Scans.EncryptedAsync(pdf), "verschlüsselt"),
            ("leer.pdf", [], "leer"),
        };
        foreach (var (name, content, reason) in cases)
        {
            var taken = await intake.TakeUploadAsync(name, new MemoryStream(content), "mailroom");
            Assert.True(taken.IsDone, taken.Message);
            await reader.ReadAsync(taken.Value!.Id);
            await using var db = county.Db.Open(UnitScope.System);
            var batch = await db.ScanBatches.SingleAsync(b => b.Id == taken.Value.Id);
            Assert.Equal(ScanStep.Failed, batch.Step);
            Assert.Contains(reason, batch.Error);
            Assert.True(File.Exists(Path.Combine(county.Db.Options.ScanOriginalsPath, batch.OriginalName)), "the original is kept");
        }
        var overview = await check.OverviewAsync();
        var failed = overview.Failures.Single(f => f.FileName == "kaputt.pdf");
        Assert.True((await check.RetryAsync(failed.BatchId, "mailroom")).IsDone);
        await reader.ReadAsync(failed.BatchId);
        Assert.Contains((await check.OverviewAsync()).Failures, f => f.BatchId == failed.BatchId && f.Attempts == 2);
        Assert.True((await check.DiscardAsync(failed.BatchId, "mailroom")).IsDone);
        await using (var db = county.Db.Open(UnitScope.System))
        {
            var batch = await db.ScanBatches.SingleAsync(b => b.Id == failed.BatchId);
            Assert.Equal(ScanStep.Discarded, batch.Step);
            Assert.True(File.Exists(Path.Combine(county.Db.Options.ScanQuarantinePath, batch.OriginalName)));
            Assert.True(await db.AuditEvents.AnyAsync(e => e.EntityType == nameof(ScanBatch) && e.EntityId == failed.BatchId.ToString() && e.Actor == "mailroom"));
        }
        Assert.False((await intake.TakeUploadAsync("brief.exe", new MemoryStream(pdf), "mailroom")).IsDone);
    }

    [Fact]
    public async Task The_same_content_again_is_flagged_and_a_file_taken_just_before_a_crash_is_not_taken_twice()
    {
        var (intake, watcher, _, _) = Parts();
        var scan = await Scans.ScanAsync("Doppelt");
        var first = (await intake.TakeUploadAsync("doppelt.pdf", new MemoryStream(scan), "mailroom")).Value!;
        var again = await intake.TakeUploadAsync("doppelt-2.pdf", new MemoryStream(scan), "mailroom");
        Assert.Equal(first.Id, again.Value!.DuplicateOfId);
        Assert.Contains("schon einmal gescannt", again.Message);

        // A crash after recording the batch, before removing the scanner's file: the next look finds it again.
        var folder = ScannerFolder();
        var path = Path.Combine(folder, "absturz.pdf");
        await File.WriteAllBytesAsync(path, await Scans.ScanAsync("Absturz"));
        var taken = await intake.TakeFileAsync(path, Path.GetFileName(folder));
        await File.WriteAllBytesAsync(path, await Scans.ScanAsync("Absturz"));
        File.SetLastWriteTimeUtc(path, taken.CapturedAt);
        var now = DateTime.UtcNow;
        await watcher.PollAsync(now);
        Assert.Equal(1, await watcher.PollAsync(now.AddSeconds(10)));
        await using var db = county.Db.Open(UnitScope.System);
        Assert.Equal(1, await db.ScanBatches.CountAsync(b => b.Sha256 == taken.Sha256));
        Assert.False(File.Exists(path));
    }
}

public class ScanPipelineOnMariaDbTests(SeededMariaDbCounty county) : ScanPipelineTests<SeededMariaDbCounty>(county);

/// <summary>
/// The Scanstelle's path from the scanner's folder to a unit's Posteingang, with the real tools: a German letter
/// rendered to an image PDF (no text layer) is taken, read by ocrmypdf, proposed by its Aktenzeichen and confirmed.
/// </summary>
public abstract class ScanPipelineTests<TCounty>(TCounty county) : IClassFixture<TCounty> where TCounty : SeededCounty
{
    protected readonly TCounty county = county;

    protected ScanLearning Learning => new(county.Db, NullLogger<ScanLearning>.Instance);

    protected (ScanIntake Intake, ScanWatcher Watcher, ScanReader Reader, ScanCheck Check) Parts()
    {
        var options = Microsoft.Extensions.Options.Options.Create(county.Db.Options);
        county.Db.Options.Scanning.SettleSeconds = 1;
        var events = new ScanEvents();
        var intake = new ScanIntake(county.Db, options, events);
        var check = new ScanCheck(county.Db, options, new InboxEvents(), events, Learning);
        return (intake, new ScanWatcher(intake, options, NullLogger<ScanWatcher>.Instance),
            new ScanReader(county.Db, county.Store, options, events, Learning, check, NullLogger<ScanReader>.Instance), check);
    }

    /// <summary>The check's next document once the earlier ones (other tests' leftovers in this county) are rejected.</summary>
    protected static async Task<ScanCheck.Next?> NextOfAsync(ScanCheck check, string fileName)
    {
        for (var i = 0; i < 50; i++)
        {
            var next = (await check.OverviewAsync()).Next;
            if (next is null || next.FileName == fileName) return next;
            await check.RejectAsync(next.DocumentId, "mailroom");
        }
        return null;
    }

    protected string ScannerFolder()
    {
        var folder = Path.Combine(county.Db.Options.ScanInboxPath, $"scanner-{Guid.NewGuid():N}"[..16]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    [Fact]
    public async Task A_scanned_letter_with_an_Aktenzeichen_is_read_proposed_for_its_case_and_lands_in_that_units_Posteingang()
    {
        var (_, watcher, reader, check) = Parts();
        string reference;
        int caseId, unitId;
        await using (var db = county.Db.Open(UnitScope.System))
        {
            var @case = await db.Cases.Where(c => c.Unit!.Key == "50.1" && c.Status < CaseStatus.Entschieden).OrderBy(c => c.Id).FirstAsync();
            (reference, caseId, unitId) = (@case.Reference, @case.Id, @case.UnitId);
        }
        var subject = $"Nachweise {Guid.NewGuid():N}"[..20];
        var folder = ScannerFolder();
        await File.WriteAllBytesAsync(Path.Combine(folder, "brief.pdf"), await Scans.ScanAsync(subject, reference));
        var now = DateTime.UtcNow;
        await watcher.PollAsync(now);
        Assert.Equal(1, await watcher.PollAsync(now.AddSeconds(2)));
        await using (var db = county.Db.Open(UnitScope.System))
            await reader.ReadAsync(await db.ScanBatches.Where(b => b.Scanner == Path.GetFileName(folder)).Select(b => b.Id).SingleAsync());

        var next = await NextOfAsync(check, "brief.pdf");
        Assert.NotNull(next);
        Assert.Equal("brief.pdf", next.FileName);
        Assert.Equal(caseId, next.CaseId);
        Assert.Equal(unitId, next.UnitId);
        Assert.Contains(reference, next.Reason);
        Assert.Contains(subject.Split(' ')[0], next.Subject); // the "Betreff" line, read by OCR
        await using (var db = county.Db.Open(UnitScope.System))
        {
            var doc = await db.ScanDocuments.SingleAsync(d => d.Id == next.DocumentId);
            Assert.Contains("Unterlagen", doc.Text);
            Assert.True(county.Store.Exists(doc.PdfSha256));
            var pdf = await File.ReadAllBytesAsync(county.Store.PathOf(doc.PdfSha256));
            Assert.Contains("pdfaid:part", System.Text.Encoding.Latin1.GetString(pdf)); // PDF/A metadata
        }

        var confirmed = await check.ConfirmAsync(next.DocumentId, new ScanCheck.Confirmation(0, true, next.Subject, next.Sender, null, QualityChecked: true), "mailroom", await county.UserIdAsync("mailroom"));
        Assert.True(confirmed.IsDone, confirmed.Message);
        Assert.Contains(reference, confirmed.Message);
        Assert.False((await check.ConfirmAsync(next.DocumentId, new ScanCheck.Confirmation(unitId, false, "x", "y", null), "mailroom", null)).IsDone);

        // The clerk of 50.1 finds it in the Posteingang (scoped), with the document; a clerk of 50.2 does not.
        await using (var clerk = county.Db.Open(UnitScope.Of([unitId])))
        {
            var item = await clerk.InboxItems.Include(i => i.Documents).ThenInclude(d => d.Versions).SingleAsync(i => i.Subject == next.Subject);
            Assert.Equal(Channel.Papier, item.Channel);
            Assert.Equal(caseId, item.CaseId);
            Assert.Equal("application/pdf", Assert.Single(Assert.Single(item.Documents).Versions).MimeType);
        }
        await using (var other = county.Db.Open(UnitScope.Of([await county.UnitIdAsync("50.2")])))
            Assert.False(await other.InboxItems.AnyAsync(i => i.Subject == next.Subject));
        await using (var db = county.Db.Open(UnitScope.System))
            Assert.Equal(ScanStep.Done, (await db.ScanBatches.SingleAsync(b => b.Id == next.BatchId)).Step);
    }
}

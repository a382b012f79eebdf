using BackOffice.Features.Documents;
using BackOffice.Data;
using BackOffice.Features.Files;
using BackOffice.Features.Inbox;
using BackOffice.Infrastructure;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOffice.Tests.Inbox;

/// <summary>The inbox list on SQLite (FTS5 over subject, sender and document text).</summary>
public class InboxSearchOnSqliteTests(SeededCounty county) : InboxSearchTests<SeededCounty>(county);

/// <summary>The inbox list on MariaDB (InnoDB FULLTEXT), the same tests.</summary>
public class InboxSearchOnMariaDbTests(SeededMariaDbCounty county) : InboxSearchTests<SeededMariaDbCounty>(county);

/// <summary>The inbox list's search over subject, sender and document text, service and date filters, on a seeded county.</summary>
public abstract class InboxSearchTests<TCounty>(TCounty county) : IClassFixture<TCounty> where TCounty : SeededCounty
{
    private const InboxList.StateFilter All = InboxList.StateFilter.All;

    private async Task<List<InboxList.Row>> SearchAsync(UnitScope scope, InboxList.Filter filter)
    {
        await using var db = county.Db.Open(scope);
        return [.. (await InboxList.QueryAsync(db, filter, 0, 50)).Rows];
    }

    /// <summary>An uploaded item whose PDF says something only it says; the text reader reads it like in the app.</summary>
    private Task<InboxItem> AddItemWithPdfAsync(int unitId, string subject, string sender, params string[] pdfLines) =>
        AddItemWithPdfAsync(unitId, subject, sender, SimplePdf.Create("Schreiben", pdfLines));

    private async Task<InboxItem> AddItemWithPdfAsync(int unitId, string subject, string sender, byte[] pdf)
    {
        var sha = await county.Store.PutAsync(pdf);
        await using var db = county.Db.Open(UnitScope.System);
        var item = new InboxItem
        {
            Number = $"E-2026-9{Random.Shared.Next(1_000_000):D6}", Channel = Channel.Upload, ReceivedAt = DateTime.UtcNow, UnitId = unitId,
            Subject = subject, Sender = sender,
            Documents = [new Document { UnitId = unitId, Title = "Schreiben", CreatedAt = DateTime.UtcNow,
                Versions = [new DocumentVersion { Number = 1, Sha256 = sha, Size = pdf.Length, MimeType = "application/pdf", FileName = "s.pdf", CreatedAt = DateTime.UtcNow }] }],
        };
        db.InboxItems.Add(item);
        await db.SaveChangesAsync();
        var reader = new DocumentText(county.Db, county.Store, Microsoft.Extensions.Options.Options.Create(county.Db.Options), new BusySignal(), NullLogger<DocumentText>.Instance);
        while (await reader.ReadBatchAsync() > 0) { }
        return item;
    }

    [Fact]
    public async Task Long_texts_are_kept_whole_and_a_document_that_cannot_be_read_never_holds_up_the_others()
    {
        var egh = await county.UnitIdAsync("50.1");
        // A document whose file is gone (pdftotext fails) waits in the queue before a long one.
        await using (var db = county.Db.Open(UnitScope.System))
        {
            db.Documents.Add(new Document { UnitId = egh, Title = "Verloren", CreatedAt = DateTime.UtcNow,
                Versions = [new DocumentVersion { Number = 1, Sha256 = new string('0', 64), Size = 1, MimeType = "application/pdf", FileName = "weg.pdf", CreatedAt = DateTime.UtcNow }] });
            await db.SaveChangesAsync();
        }
        // About 90 KB of text: MariaDB's column held 255 characters, and the reader retried its batch for good.
        var pages = SimplePdf.Create("Unterlagen", Enumerable.Range(0, 2000).Select(i => $"Zeile {i:D4} Einkommensnachweis Kontoauszug"));
        var item = await AddItemWithPdfAsync(egh, "Unterlagen", "Langtext, Lara", pages);
        await using (var db = county.Db.Open(UnitScope.System))
        {
            var text = (await db.Documents.SingleAsync(d => d.InboxItemId == item.Id)).Text!;
            Assert.True(text.Length > 50_000, $"{text.Length} characters");
            Assert.Contains("Zeile 1999", text);
            var lost = await db.Documents.Where(d => d.Title == "Verloren").OrderBy(d => d.Id).LastAsync();
            Assert.Equal("", lost.Text);
            Assert.Contains("konnte nicht gelesen werden", lost.TextProblem);
            Assert.Equal(0, await db.Documents.CountAsync(d => d.Text == null));
        }
        Assert.Contains(await SearchAsync(UnitScope.Of([egh]), new() { State = All, Text = "Langtext" }), r => r.Id == item.Id);
    }

    [Fact]
    public async Task Every_search_finds_umlauts_and_their_written_out_spelling_both_ways()
    {
        var egh = await county.UnitIdAsync("50.1");
        var n = Random.Shared.Next(100_000, 999_999);
        var (umlaut, written) = ($"Grünspecht{n}", $"Moeller{n}"); // one stored with ü, one with oe
        var item = await AddItemWithPdfAsync(egh, $"Straßenausbau {written}", $"{umlaut}, Jürgen", $"Schreiben von Herrn {umlaut} zur Straße");
        int caseId, fileId;
        await using (var db = county.Db.Open(UnitScope.System))
        {
            var plan = await db.FilePlanEntries.SingleAsync(p => p.Code == "50.1");
            var file = new CaseFile { Reference = $"50.1-T{n}", FilePlanEntryId = plan.Id, Sequence = 900_000 + n % 1000, UnitId = egh, Title = "Test", ApplicantName = $"{umlaut}, Jürgen", CreatedAt = DateTime.UtcNow };
            var @case = new Case { Reference = $"50.1-T{n}/1", CaseFile = file, UnitId = egh, Subject = "Test", ApplicantName = $"{umlaut}, Jürgen", ReceivedAt = DateTime.UtcNow, StatusChangedAt = DateTime.UtcNow };
            db.Cases.Add(@case);
            await db.SaveChangesAsync();
            (caseId, fileId) = (@case.Id, file.Id);
            (await db.InboxItems.SingleAsync(i => i.Id == item.Id)).RegisteredUnitId = egh;
            await db.SaveChangesAsync();
        }
        await using var clerk = county.Db.Open(UnitScope.Of([egh]));
        foreach (var (typed, why) in new[] { ($"Gruenspecht{n}", "ue for ü"), ($"grünspecht{n}", "as stored"), ($"Möller{n}", "ö for oe"), ($"Strasse Gruenspecht{n}", "ss for ß"),
            ($"GRUENSPECHT{n}", "capitals"), ($"GRÜNSPECHT{n}", "capital umlaut"), ($"Gru\u0308nspecht{n}", "combining diaeresis"), ($"STRAẞE Grünspecht{n}", "capital sharp s") })
        {
            Assert.True((await InboxList.QueryAsync(clerk, new() { State = All, Text = typed }, 0, 20)).Rows.Any(r => r.Id == item.Id), $"Posteingang: '{typed}' ({why})");
            Assert.True((await Journal.QueryAsync(clerk, new(typed), 50)).Rows.Any(r => r.Number == item.Number), $"Posteingangsbuch: '{typed}' ({why})");
        }
        Assert.Contains((await HeaderSearch.RunAsync(clerk, $"Gruenspecht{n}")).Documents, d => d.Title == "Schreiben");
        Assert.Contains((await HeaderSearch.RunAsync(clerk, $"Gruenspecht{n}")).Files, f => f.Id == fileId);
        Assert.Contains(await FileSearch.FindAsync(clerk, egh, $"Juergen Gruenspecht{n}"), f => f.Id == fileId);
        Assert.Contains((await CaseList.QueryAsync(clerk, new CaseList.Filter { Text = $"Gruenspecht{n}" }, CaseList.SortBy.ReceivedAt, true, 0, 20)).Rows, r => r.Id == caseId);
        // The header search also finds an inbox item by its number.
        var byNumber = await HeaderSearch.RunAsync(clerk, item.Number.ToLowerInvariant());
        Assert.Equal(item.Number, Assert.Single(byNumber.Items).Number);
        await using var other = county.Db.Open(UnitScope.Of([await county.UnitIdAsync("50.2")]));
        Assert.Empty((await HeaderSearch.RunAsync(other, item.Number)).Items);
    }

    [Fact]
    public async Task A_value_longer_than_its_column_is_refused_before_saving_on_both_engines()
    {
        await using var db = county.Db.Open(UnitScope.System);
        db.Documents.Add(new Document { UnitId = await county.UnitIdAsync("50.1"), Title = new string('T', 301), CreatedAt = DateTime.UtcNow });
        var refused = await Assert.ThrowsAsync<ValueTooLongException>(() => db.SaveChangesAsync());
        Assert.Equal(("Document", "Title"), (refused.Entity, refused.Property));
    }

    [Fact]
    public async Task Words_are_found_in_subject_sender_and_the_text_of_documents_but_only_in_the_users_units()
    {
        var egh = await county.UnitIdAsync("50.1");
        var other = await county.UnitIdAsync("50.2");
        var item = await AddItemWithPdfAsync(egh, "Widerspruch gegen Bescheid", "Quastenberg, Olga", "Betrifft Flurstueck 4711 der Gemarkung Birkenau", "Mit freundlichen Gruessen");

        await using (var db = county.Db.Open(UnitScope.System))
            Assert.Contains("4711", (await db.Documents.SingleAsync(d => d.InboxItemId == item.Id)).Text);

        foreach (var words in new[] { "Flurstueck 4711", "flurst", "Gemarkung birkenau", "Quastenb", "quastenberg olga", "Widerspruch Quastenberg", "Quastenberg Flurstueck", "widerspr gemarkung olga" })
        {
            var rows = await SearchAsync(UnitScope.Of([egh]), new() { State = All, Text = words });
            Assert.True(rows.Any(r => r.Id == item.Id), $"'{words}' did not find the item");
        }
        // All words must match; a word from nowhere finds nothing.
        Assert.DoesNotContain(await SearchAsync(UnitScope.Of([egh]), new() { State = All, Text = "Flurstueck Zebrastreifen" }), r => r.Id == item.Id);
        // A clerk of another unit gets nothing, however precise the words.
        Assert.Empty(await SearchAsync(UnitScope.Of([other]), new() { State = All, Text = "Quastenberg Flurstueck 4711" }));
    }

    [Fact]
    public async Task A_word_in_most_of_a_units_items_finds_them_all_and_one_that_has_it_only_in_a_document()
    {
        // The service's name stands in the subject of most of its unit's items: on MariaDB the search then reads the
        // items by date and checks each (not the index); the result must be the same as the index gives.
        var egh = await county.UnitIdAsync("50.1");
        var item = await AddItemWithPdfAsync(egh, "Nachreichung", "Zypresse, Udo", "Antrag auf Eingliederungshilfe, Unterlagen anbei");
        await using var db = county.Db.Open(UnitScope.Of([egh]));
        const string word = "eingliederungshilfe";
        var expected = await db.InboxItems.CountAsync(i => i.Subject.ToLower().Contains(word) || i.Sender.ToLower().Contains(word)
            || db.Documents.Any(d => (d.InboxItemId == i.Id || (i.CaseId != null && d.CaseId == i.CaseId)) && d.UnitId == i.UnitId && d.Text!.ToLower().Contains(word)));
        Assert.True(expected > 100, $"only {expected} items name the service: the test would not reach the common-word path");
        if (!db.Database.IsSqlite()) Assert.True((await InboxList.FindHitsAsync(db, word)).Single().Common, "MariaDB should read a common word row by row");
        var page = await InboxList.QueryAsync(db, new() { State = All, Text = "eingliederungshilfe" }, 0, 50);
        Assert.Equal(Math.Min(expected, InboxList.CountCap), page.Count);
        Assert.Equal(item.Number, page.Rows[0].Number); // the newest, found through its document alone
    }

    [Fact]
    public async Task Umlauts_and_search_syntax_typed_by_users_do_no_harm()
    {
        var egh = await county.UnitIdAsync("50.1");
        await using (var db = county.Db.Open(UnitScope.System))
        {
            db.InboxItems.Add(new InboxItem { Number = "E-2026-8000001", Channel = Channel.Papier, ReceivedAt = DateTime.UtcNow, UnitId = egh, Subject = "Anhörung", Sender = "Jürgensmüller, Dörte" });
            await db.SaveChangesAsync();
        }
        Assert.Single(await SearchAsync(UnitScope.Of([egh]), new() { State = All, Text = "Jürgensmüller" }));
        // Typed without umlauts: SQLite's index drops the marks (ü as u), MariaDB's German collation spells them out (ü as ue).
        var plain = county.Db.IsMariaDb ? "juergensmueller doerte" : "jurgensmuller dorte";
        Assert.Single(await SearchAsync(UnitScope.Of([egh]), new() { State = All, Text = plain }));
        foreach (var odd in new[] { "\"", "AND", "Jürgens* OR", "NEAR(a b)", "a:b", "-", "((", "^x" })
            await SearchAsync(UnitScope.Of([egh]), new() { State = All, Text = odd }); // no exception from FTS syntax
        Assert.Null(InboxSearchIndex.Query(" ,;- "));
    }

    [Fact]
    public async Task The_index_follows_changes_of_subject_and_sender()
    {
        var egh = await county.UnitIdAsync("50.1");
        int id;
        await using (var db = county.Db.Open(UnitScope.System))
        {
            var item = new InboxItem { Number = "E-2026-8000002", Channel = Channel.Papier, ReceivedAt = DateTime.UtcNow, UnitId = egh, Subject = "Blaupause", Sender = "Ostwind, Karl" };
            db.InboxItems.Add(item);
            await db.SaveChangesAsync();
            id = item.Id;
            item.Subject = "Rotstift";
            await db.SaveChangesAsync();
        }
        Assert.Empty(await SearchAsync(UnitScope.Of([egh]), new() { State = All, Text = "Blaupause" }));
        Assert.Equal(id, Assert.Single(await SearchAsync(UnitScope.Of([egh]), new() { State = All, Text = "Rotstift Ostwind" })).Id);
    }

    [Fact]
    public async Task Service_and_received_range_filter_on_the_database()
    {
        var egh = await county.UnitIdAsync("50.1");
        int serviceId;
        await using (var db = county.Db.Open(UnitScope.System))
            serviceId = await db.InboxItems.Where(i => i.UnitId == egh && i.ServiceId != null).GroupBy(i => i.ServiceId).OrderByDescending(g => g.Count()).Select(g => g.Key!.Value).FirstAsync();
        var from = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc);
        var filter = new InboxList.Filter { State = All, ServiceId = serviceId, ReceivedFrom = from, ReceivedTo = to, Sort = InboxList.Sort.Oldest };

        await using var check = county.Db.Open(UnitScope.Of([egh]));
        var expected = await check.InboxItems.CountAsync(i => i.ServiceId == serviceId && i.ReceivedAt >= from && i.ReceivedAt < to);
        Assert.True(expected > 0, "the demo county has items of this service in March");
        var page = await InboxList.QueryAsync(check, filter, 0, 500);
        Assert.Equal(expected, page.Count);
        Assert.All(page.Rows, r => Assert.InRange(r.ReceivedAt, from, to.AddTicks(-1)));
        Assert.Equal(page.Rows.OrderBy(r => r.ReceivedAt).Select(r => r.Id), page.Rows.Select(r => r.Id));
        Assert.All(page.Rows, r => Assert.Equal(page.Rows[0].Subject, r.Subject)); // one service: one subject in the demo data
    }

    [Fact]
    public async Task Items_waiting_for_their_Wiedervorlage_leave_the_open_list_until_the_day()
    {
        var egh = await county.UnitIdAsync("50.1");
        var sender = $"Wiedervorlage{Random.Shared.Next(100000, 999999)}";
        await using (var db = county.Db.Open(UnitScope.System))
        {
            foreach (var (subject, resubmitAt) in new[] { ("wartet", DateTime.UtcNow.AddDays(3)), ("wieder da", DateTime.UtcNow.AddHours(-1)) })
                db.InboxItems.Add(new InboxItem { Number = $"E-2026-8{Random.Shared.Next(1_000_000):D6}", Channel = Channel.Papier, ReceivedAt = DateTime.UtcNow.AddDays(-5),
                    UnitId = egh, Subject = subject, Sender = sender, ResubmitAt = resubmitAt });
            await db.SaveChangesAsync();
        }
        async Task<string[]> SubjectsAsync(InboxList.StateFilter state) =>
            [.. (await SearchAsync(UnitScope.Of([egh]), new() { State = state, Text = sender })).Select(r => r.Subject).Order()];

        Assert.Equal(["wieder da"], await SubjectsAsync(InboxList.StateFilter.Open));
        Assert.Equal(["wieder da"], await SubjectsAsync(InboxList.StateFilter.New));
        Assert.Equal(["wartet"], await SubjectsAsync(InboxList.StateFilter.Waiting));
        Assert.Equal(["wartet", "wieder da"], await SubjectsAsync(All));
    }

    [Fact]
    public async Task Sorting_by_sender_is_alphabetical_across_pages()
    {
        var egh = await county.UnitIdAsync("50.1");
        await using var db = county.Db.Open(UnitScope.Of([egh]));
        var first = await InboxList.QueryAsync(db, new() { State = All, Sort = InboxList.Sort.Sender }, 0, 20);
        var second = await InboxList.QueryAsync(db, new() { State = All, Sort = InboxList.Sort.Sender }, 20, 20);
        var senders = first.Rows.Concat(second.Rows).Select(r => r.Sender).ToList();
        Assert.Equal(40, senders.Count);
        Assert.Equal(senders.OrderBy(s => s, StringComparer.OrdinalIgnoreCase), senders);
        Assert.Empty(first.Rows.Select(r => r.Id).Intersect(second.Rows.Select(r => r.Id)));
    }
}

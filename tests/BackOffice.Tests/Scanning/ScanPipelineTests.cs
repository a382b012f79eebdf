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

    protected (ScanIntake Intake, ScanWatcher Watcher, ScanReader Reader, ScanCheck Check) Parts()
    {
        var options = Microsoft.Extensions.Options.Options.Create(county.Db.Options);
        county.Db.Options.Scanning.SettleSeconds = 1;
        var events = new ScanEvents();
        var intake = new ScanIntake(county.Db, options, events);
        return (intake, new ScanWatcher(intake, options, NullLogger<ScanWatcher>.Instance),
            new ScanReader(county.Db, county.Store, options, events, NullLogger<ScanReader>.Instance),
            new ScanCheck(county.Db, options, new InboxEvents(), events));
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

        var next = (await check.OverviewAsync()).Next;
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

        var confirmed = await check.ConfirmAsync(next.DocumentId, new ScanCheck.Confirmation(0, true, next.Subject, next.Sender, null), "mailroom", await county.UserIdAsync("mailroom"));
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

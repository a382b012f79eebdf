using System.Security.Cryptography;
using BackOffice.Data;
using BackOffice.Features.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Features.Scanning;

/// <summary>
/// Reads taken batches, one at a time: checks the original against its capture hash, turns a TIFF into a PDF
/// (img2pdf), recognises the text with ocrmypdf (German, rotation and deskew, PDF/A-2b; pages with text are kept as
/// they are), stores the PDF/A and proposes where it goes. A batch records its step only when the step is done, so a
/// restart (also kill -9) reads an unfinished batch again from its kept original; the store is content-addressed, so
/// nothing is stored twice. What cannot be read fails with a German reason and waits for "Erneut versuchen".
/// </summary>
public sealed class ScanReader(IDbContextFactory<BackOfficeDb> factory, DocumentStore store, IOptions<BackOfficeOptions> options,
    ScanEvents events, ILogger<ScanReader> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        if (options.Value.Scanning.PollSeconds <= 0) return;
        if (Directory.Exists(options.Value.ScanWorkPath)) Directory.Delete(options.Value.ScanWorkPath, recursive: true); // a crash's leftovers
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (await ReadNextAsync(ct)) continue;
            }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogError(e, "Reading scans failed"); }
            await events.WaitAsync(TimeSpan.FromSeconds(30), ct); // taking a batch wakes it at once
        }
    }

    /// <summary>Reads the oldest taken batch, if any.</summary>
    public async Task<bool> ReadNextAsync(CancellationToken ct = default)
    {
        int? next;
        await using (var db = await factory.CreateDbContextAsync(ct))
            next = await db.ScanBatches.Where(b => b.Step == ScanStep.Taken).OrderBy(b => b.Id).Select(b => (int?)b.Id).FirstOrDefaultAsync(ct);
        if (next is not { } id) return false;
        await ReadAsync(id, ct);
        return true;
    }

    public async Task ReadAsync(int batchId, CancellationToken ct = default)
    {
        var o = options.Value;
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Scope = UnitScope.System;
        db.Actor = "Scanstelle";
        var batch = await db.ScanBatches.SingleAsync(b => b.Id == batchId, ct);
        var work = Path.Combine(o.ScanWorkPath, batch.Id.ToString());
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        Directory.CreateDirectory(work);
        try
        {
            var read = await ReadFileAsync(batch, Path.Combine(o.ScanOriginalsPath, batch.OriginalName), work, ct);
            if (read.Problem is { } problem)
            {
                (batch.Step, batch.Error) = (ScanStep.Failed, problem);
                log.LogWarning("Scan batch {Id} ({File}) failed: {Problem}", batch.Id, batch.FileName, problem);
            }
            else
            {
                var (pdf, pages, text) = read.Value!;
                var sha = await store.PutAsync(pdf, ct);
                var proposal = await ScanProposals.FindAsync(db, text, ct);
                batch.Pages = pages;
                batch.Documents.Add(new ScanDocument
                {
                    FirstPage = 1, PageCount = pages, PdfSha256 = sha, PdfSize = pdf.Length,
                    Text = text.Length > DocumentConfiguration.MaxTextLength ? text[..DocumentConfiguration.MaxTextLength] : text,
                    ProposedUnitId = proposal.UnitId, ProposedCaseId = proposal.CaseId, ProposalReason = proposal.Reason,
                });
                (batch.Step, batch.Error) = (ScanStep.ToCheck, null);
            }
            batch.Attempts++;
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
        events.Publish();
    }

    private sealed record Read(byte[] Pdf, int Pages, string Text);

    private async Task<Outcome<Read>> ReadFileAsync(ScanBatch batch, string original, string work, CancellationToken ct)
    {
        if (!File.Exists(original)) return Outcome.Refused("Das Original ist nicht mehr im Ablageordner der Scanstelle.");
        if (new FileInfo(original).Length == 0) return Outcome.Refused("Die Datei ist leer (0 Byte).");
        // The capture hash, checked before anything reads the file (TR-RESISCAN).
        await using (var stream = File.OpenRead(original))
            if (!Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct)).Equals(batch.Sha256))
                return Outcome.Refused("Das Original stimmt nicht mehr mit dem Prüfwert der Erfassung überein; es wurde nach dem Scannen verändert.");
        var head = new byte[8];
        await using (var stream = File.OpenRead(original)) _ = await stream.ReadAsync(head, ct);
        var input = original;
        switch (ScanFiles.KindOf(head))
        {
            case ScanFiles.Kind.Unknown:
                return Outcome.Refused("Die Datei ist weder ein PDF noch ein TIFF (ihr Inhalt passt zu keinem der beiden).");
            case ScanFiles.Kind.Tiff:
                input = Path.Combine(work, "scan.pdf");
                var converted = await ExternalTool.RunAsync("img2pdf", ["-o", input, original], TimeSpan.FromMinutes(2), ct);
                if (!converted.Succeeded) return Outcome.Refused("Das TIFF ist beschädigt und lässt sich nicht lesen.");
                break;
        }
        var info = await ExternalTool.RunAsync("pdfinfo", [input], TimeSpan.FromMinutes(1), ct);
        if (info.Errors.Contains("Incorrect password", StringComparison.OrdinalIgnoreCase) || info.Output.Contains("Encrypted:      yes"))
            return Outcome.Refused("Die PDF-Datei ist verschlüsselt oder kennwortgeschützt. Bitte ohne Kennwort scannen.");
        if (!info.Succeeded) return Outcome.Refused("Die Datei ist beschädigt oder kein lesbares PDF.");
        var pages = info.Output.Split('\n').Where(l => l.StartsWith("Pages:")).Select(l => int.TryParse(l[6..].Trim(), out var n) ? n : 0).FirstOrDefault();
        if (pages == 0) return Outcome.Refused("Die Datei hat keine Seiten.");

        var output = Path.Combine(work, "ocr.pdf");
        var jobs = options.Value.Scanning.OcrJobs > 0 ? options.Value.Scanning.OcrJobs : Environment.ProcessorCount;
        var limit = TimeSpan.FromSeconds(30 + pages * options.Value.Scanning.SecondsPerPage);
        // One Tesseract thread per job (OMP_THREAD_LIMIT): ocrmypdf's -j jobs already use the cores.
        var ocr = await ExternalTool.RunAsync("env", ["OMP_THREAD_LIMIT=1", "ocrmypdf", "-l", "deu", "--rotate-pages", "--deskew", "--skip-text",
            "--output-type", "pdfa-2", "-j", jobs.ToString(), "-q", input, output], limit, ct);
        if (ocr.TimedOut)
            return Outcome.Refused($"Das Lesen der {pages} Seiten dauerte länger als {limit.TotalMinutes:0} Minuten und wurde abgebrochen.");
        // 4: the PDF/A check of the result found faults; the file is still a good, searchable PDF.
        if (ocr.ExitCode is not (0 or 4) || !File.Exists(output))
            return Outcome.Refused(ocr.ExitCode switch
            {
                2 => "Die Datei ist beschädigt oder kein lesbares PDF.",
                8 => "Die PDF-Datei ist verschlüsselt oder kennwortgeschützt. Bitte ohne Kennwort scannen.",
                _ => $"Die Texterkennung ist fehlgeschlagen ({ocr.ExitCode}): {PlainText.Fit(ocr.Errors.Trim(), 300)}",
            });
        var text = await ExternalTool.RunAsync("pdftotext", ["-enc", "UTF-8", output, "-"], TimeSpan.FromMinutes(2), ct);
        return Outcome.Made(new Read(await File.ReadAllBytesAsync(output, ct), pages, text.Succeeded ? text.Output : ""));
    }
}

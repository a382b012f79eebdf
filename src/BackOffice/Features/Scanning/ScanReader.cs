using BackOffice.Infrastructure;
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
    ScanEvents events, ScanLearning learning, ScanCheck check, ILogger<ScanReader> log) : ILeasedWork
{
    public async Task RunAsync(CancellationToken ct)
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
        // The page shows the batch being read, its pages once counted, and an expected end.
        batch.ReadStartedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        events.Publish();
        async Task PagesCounted(int pages)
        {
            batch.Pages = pages;
            await db.SaveChangesAsync(ct);
            events.Publish();
        }
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var read = await ReadFileAsync(batch, Path.Combine(o.ScanOriginalsPath, batch.OriginalName), work, PagesCounted, ct);
            var recognised = clock.Elapsed;
            var documents = read.Problem is null ? await DocumentsAsync(db, read.Value!, work, ct) : null;
            if (documents?.Value is { } made)
                log.LogInformation("Scan batch {Id}: {Pages} pages looked at and recognised in {Read:0.0} s (ocrmypdf {Ocr:0.0} s), {Documents} documents stored in {Stored:0.0} s",
                    batch.Id, read.Value!.Pages, recognised.TotalSeconds, read.Value.OcrSeconds, made.Count, (clock.Elapsed - recognised).TotalSeconds);
            if ((read.Problem ?? documents!.Problem) is { } problem)
            {
                (batch.Step, batch.Error) = (ScanStep.Failed, problem);
                log.LogWarning("Scan batch {Id} ({File}) failed: {Problem}", batch.Id, batch.FileName, problem);
            }
            else
            {
                var settings = await ScanSettings.GetAsync(db, ct);
                (batch.Pages, batch.Profile) = (read.Value!.Pages, read.Value.Profile);
                batch.DestroyFrom = DateOnly.FromDateTime(Labels.Local(batch.CapturedAt)).AddDays(7 * settings.OriginalsKeptWeeks);
                // The quality check's share: the proposed service's own, else the general one.
                var rates = await db.ScanQualityRates.AsNoTracking().ToDictionaryAsync(r => r.ServiceId, r => r.Percent, ct);
                foreach (var doc in documents!.Value!)
                {
                    var percent = doc.ProposedServiceId is { } serviceId && rates.TryGetValue(serviceId, out var own) ? own : settings.QualityCheckPercent;
                    doc.QualitySample = percent >= 100 || percent > 0 && Random.Shared.Next(100) < percent;
                }
                batch.Documents.AddRange(documents.Value!);
                (batch.Step, batch.Error) = (ScanStep.ToCheck, null);
            }
            batch.Attempts++;
            batch.ReadSeconds = (DateTime.UtcNow - batch.ReadStartedAt!.Value).TotalSeconds;
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
        if (batch.Step == ScanStep.ToCheck) await check.RouteAutomaticallyAsync(batch.Id, ct);
        events.Publish();
    }

    /// <summary>How the batch was scanned, from its first page's image: "150 dpi, Graustufen"; null when unknown.</summary>
    private static async Task<string?> ProfileAsync(string pdf, CancellationToken ct)
    {
        var list = await ExternalTool.RunAsync("pdfimages", ["-list", "-f", "1", "-l", "1", pdf], TimeSpan.FromSeconds(30), ct);
        if (!list.Succeeded) return null;
        // page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
        var first = list.Output.Split('\n').Skip(2).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).FirstOrDefault(c => c.Length >= 14);
        if (first is null) return "ohne Bild (digitales PDF)";
        var colour = first[7] == "1" ? "Schwarzweiß" : first[5] switch { "gray" => "Graustufen", "rgb" or "cmyk" or "icc" => "Farbe", var c => c };
        return $"{first[12]} dpi, {colour}";
    }

    /// <summary>The recognised batch (a PDF/A in the work folder), its page count and the documents its separators make.</summary>
    private sealed record Read(string Pdf, int Pages, IReadOnlyList<ScanSeparators.Part> Parts, string? Profile, double OcrSeconds);

    /// <summary>Each part of the batch as its own PDF/A in the store, with its text and where it should go.</summary>
    private async Task<Outcome<List<ScanDocument>>> DocumentsAsync(BackOfficeDb db, Read read, string work, CancellationToken ct)
    {
        var documents = new List<ScanDocument>();
        foreach (var (part, index) in read.Parts.Select((p, i) => (p, i)))
        {
            var pdf = read.Pdf;
            // A batch that is one document with every page is stored as recognised; the others are put together.
            if (read.Parts.Count > 1 || part.Pages.Count != read.Pages)
            {
                pdf = Path.Combine(work, $"document-{index + 1}.pdf");
                if (!await ScanPdf.ComposeAsync(pdf, part.Pages.Select(p => new ScanPdf.Page(read.Pdf, p)).ToList(), ct))
                    return Outcome.Refused("Die Seiten ließen sich nicht in einzelne Schriftstücke aufteilen; bitte erneut versuchen.");
            }
            var text = await ExternalTool.RunAsync("pdftotext", ["-enc", "UTF-8", pdf, "-"], TimeSpan.FromMinutes(2), ct);
            var bytes = await File.ReadAllBytesAsync(pdf, ct);
            var sha = await store.PutAsync(bytes, ct);
            var proposal = await ScanProposals.FindAsync(db, text.Succeeded ? text.Output : "", part.Separator, learning, ct);
            documents.Add(new ScanDocument
            {
                FirstPage = part.Pages[0], PageCount = part.Pages.Count, SourcePages = ScanSeparators.Ranges(part.Pages),
                BlankPagesDropped = part.BlankPagesDropped, PdfSha256 = sha, PdfSize = bytes.Length,
                Text = PlainText.Fit(text.Succeeded ? text.Output : "", DocumentConfiguration.MaxTextLength),
                ProposedUnitId = proposal.UnitId, ProposedServiceId = proposal.ServiceId, ProposedCaseId = proposal.CaseId,
                ProposalReason = proposal.Reason, Confidence = proposal.Confidence,
            });
        }
        return Outcome.Made(documents);
    }

    private async Task<Outcome<Read>> ReadFileAsync(ScanBatch batch, string original, string work, Func<int, Task> pagesCounted, CancellationToken ct)
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
                if (!converted.Succeeded)
                    return Outcome.Refused(converted.Errors.Contains("DecompressionBomb") || converted.Errors.Contains("exceeds", StringComparison.OrdinalIgnoreCase)
                        ? "Das TIFF ist zu groß, um es zu lesen (zu viele Bildpunkte). Bitte mit 200 bis 300 dpi scannen."
                        : "Das TIFF ist beschädigt und lässt sich nicht lesen.");
                break;
        }
        var info = await ExternalTool.RunAsync("pdfinfo", [input], TimeSpan.FromMinutes(1), ct);
        if (info.Errors.Contains("Incorrect password", StringComparison.OrdinalIgnoreCase) || info.Output.Contains("Encrypted:      yes"))
            return Outcome.Refused("Die PDF-Datei ist verschlüsselt oder kennwortgeschützt. Bitte ohne Kennwort scannen.");
        if (!info.Succeeded) return Outcome.Refused("Die Datei ist beschädigt oder kein lesbares PDF.");
        var pages = info.Output.Split('\n').Where(l => l.StartsWith("Pages:")).Select(l => int.TryParse(l[6..].Trim(), out var n) ? n : 0).FirstOrDefault();
        if (pages == 0) return Outcome.Refused("Die Datei hat keine Seiten.");
        if (pages > options.Value.Scanning.MaxPages)
            return Outcome.Refused($"Die Datei hat {pages.ToString("N0", Labels.German)} Seiten; die Scanstelle liest höchstens "
                + $"{options.Value.Scanning.MaxPages.ToString("N0", Labels.German)} Seiten aus einer Datei. Bitte in kleineren Stapeln scannen.");
        await pagesCounted(pages);

        // Separator sheets split the batch; blank pages go when the setting says so. The first pages are looked at first:
        // with a separator or blank page among them the rest is looked at too, and only the documents' pages are
        // recognised (--pages). Without, the stack is most likely one document: recognition starts at once and the rest
        // is looked at beside it (a late separator is then recognised too and left out of the documents afterwards).
        var scanning = options.Value.Scanning;
        double? blankBelow = scanning.DropBlankPages ? scanning.BlankPageInkPercent / 100 : null;
        bool Special(ScanPages.Look l) => ScanSeparators.Read(l.Code) is not null || l.Ink < blankBelow;
        var looks = (await ScanPages.LookAsync(input, 1, Math.Min(pages, ScanPages.PagesAtOnce), work, ct)).ToList();
        var output = Path.Combine(work, "ocr.pdf");
        var jobs = options.Value.Scanning.OcrJobs > 0 ? options.Value.Scanning.OcrJobs : Environment.ProcessorCount;
        var limit = TimeSpan.FromSeconds(30 + pages * options.Value.Scanning.SecondsPerPage);
        // One Tesseract thread per job (OMP_THREAD_LIMIT): ocrmypdf's -j jobs already use the cores.
        Task<ExternalTool.Result> Recognise(IReadOnlyList<int>? only) => ExternalTool.RunAsync("env", ["OMP_THREAD_LIMIT=1", "ocrmypdf", "-l", "deu",
            "--rotate-pages", "--deskew", "--skip-text", "--output-type", "pdfa-2", "-j", jobs.ToString(), "-q",
            .. only is null ? [] : (string[])["--pages", ScanSeparators.Ranges(only)], input, output], limit, ct);
        var ocrStarted = DateTime.UtcNow;
        Task<ExternalTool.Result>? early = looks.Any(Special) ? null : Recognise(null);
        if (pages > looks.Count) looks.AddRange(await ScanPages.LookAsync(input, looks.Count + 1, pages, work, ct));
        var parts = ScanSeparators.Split(looks, blankBelow);
        if (parts.Count == 0)
        {
            if (early is not null) await early; // not left running into the next batch's work folder
            return Outcome.Refused(looks.Any(l => ScanSeparators.Read(l.Code) is not null)
                ? "Die Datei enthält nur Trennblätter und leere Seiten, kein Schriftstück."
                : "Die Datei enthält nur leere Seiten.");
        }
        var kept = parts.SelectMany(p => p.Pages).ToList();
        if (early is null) ocrStarted = DateTime.UtcNow;
        var ocr = await (early ?? Recognise(kept.Count < pages ? kept : null));
        var ocrSeconds = (DateTime.UtcNow - ocrStarted).TotalSeconds;
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
        return Outcome.Made(new Read(output, pages, parts, await ProfileAsync(input, ct), ocrSeconds));
    }
}

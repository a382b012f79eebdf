using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Features.Documents;

/// <summary>
/// Reads the text of new documents so that the inbox search finds what is written in them: the text
/// layer of PDFs, through pdftotext (poppler-utils) as a process. Images have no text layer; they get
/// "" here and their text comes from OCR (scanning). Runs in the background, a few documents at a time.
/// </summary>
public sealed class DocumentText(IDbContextFactory<BackOfficeDb> dbFactory, DocumentStore store, IOptions<BackOfficeOptions> options,
    BusySignal busy, ILogger<DocumentText> log) : BackgroundService
{
    private const int BatchSize = 20;
    private const int MaxChars = 100_000;
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan QuietBeforeReading = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        if (options.Value.DocumentTextPollSeconds <= 0) return; // switched off
        var idle = TimeSpan.FromSeconds(options.Value.DocumentTextPollSeconds);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                // During a wave of portal imports the reader waits: search text can come a minute later, answers to the portal cannot.
                if (!busy.QuietFor(QuietBeforeReading)) await Task.Delay(QuietBeforeReading, ct);
                else if (await ReadBatchAsync(ct) == 0) await Task.Delay(idle, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (ExternalTool.MissingException)
            {
                log.LogWarning("pdftotext is not installed (Debian: apt-get install poppler-utils); the text of documents is not read, the inbox search covers subject and sender only.");
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "Reading document text failed; trying again shortly.");
                await Task.Delay(idle * 10, ct);
            }
        }
    }

    /// <summary>Reads the next documents without text; returns how many.</summary>
    public async Task<int> ReadBatchAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Scope = UnitScope.System;
        db.SuppressChangeAudit = true; // derived data, not a change by anyone
        var pending = await db.Documents.Where(d => d.Text == null).OrderBy(d => d.Id).Take(BatchSize).ToListAsync(ct);
        var ids = pending.Select(d => d.Id).ToList();
        var latest = (await db.DocumentVersions.AsNoTracking().Where(v => ids.Contains(v.DocumentId))
                .Select(v => new { v.DocumentId, v.Number, v.Sha256, v.MimeType }).ToListAsync(ct))
            .GroupBy(v => v.DocumentId).ToDictionary(g => g.Key, g => g.MaxBy(v => v.Number)!);
        foreach (var d in pending)
            d.Text = latest.GetValueOrDefault(d.Id) is { MimeType: "application/pdf" } v ? await PdfTextAsync(store.PathOf(v.Sha256), ct) : "";
        await db.SaveChangesAsync(ct);
        return pending.Count;
    }

    private async Task<string> PdfTextAsync(string path, CancellationToken ct)
    {
        var result = await ExternalTool.RunAsync("pdftotext", ["-q", "-enc", "UTF-8", path, "-"], ProcessTimeout, ct);
        if (result.TimedOut)
        {
            log.LogWarning("pdftotext took longer than {Seconds} s for {Path}; its text is left empty.", ProcessTimeout.TotalSeconds, path);
            return "";
        }
        // A damaged PDF gives no text, not an error: the document stays readable, only not searchable.
        if (result.ExitCode != 0) log.LogInformation("pdftotext could not read {Path} (exit {Code}).", path, result.ExitCode);
        return result.Output.Length > MaxChars ? result.Output[..MaxChars] : result.Output;
    }
}

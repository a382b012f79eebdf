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
    BusySignal busy, ILogger<DocumentText> log) : ILeasedWork
{
    private const int BatchSize = 20;
    private const int MaxChars = DocumentConfiguration.MaxTextLength;
    private static readonly System.Globalization.CultureInfo German = System.Globalization.CultureInfo.GetCultureInfo("de-DE");
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan QuietBeforeReading = TimeSpan.FromSeconds(1);

    public async Task RunAsync(CancellationToken ct)
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

    /// <summary>
    /// Reads the next documents without text; returns how many. A document whose text cannot be read or stored gets ""
    /// and its reason (<see cref="Document.TextProblem"/>) instead, so that it never holds up the documents after it.
    /// </summary>
    public async Task<int> ReadBatchAsync(CancellationToken ct = default)
    {
        List<(int Id, string? Sha256, string? Mime)> pending;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.Scope = UnitScope.System;
            var ids = await db.Documents.Where(d => d.Text == null).OrderBy(d => d.Id).Select(d => d.Id).Take(BatchSize).ToListAsync(ct);
            var latest = (await db.DocumentVersions.AsNoTracking().Where(v => ids.Contains(v.DocumentId))
                    .Select(v => new { v.DocumentId, v.Number, v.Sha256, v.MimeType }).ToListAsync(ct))
                .GroupBy(v => v.DocumentId).ToDictionary(g => g.Key, g => g.MaxBy(v => v.Number)!);
            pending = ids.Select(id => latest.GetValueOrDefault(id) is { } v ? (id, (string?)v.Sha256, (string?)v.MimeType) : (id, null, null)).ToList();
        }
        var read = new List<(int Id, string Text, string? Problem)>();
        foreach (var (id, sha, mime) in pending)
        {
            if (mime != "application/pdf" || sha is null) { read.Add((id, "", null)); continue; }
            try
            {
                var (text, problem) = await PdfTextAsync(store.PathOf(sha), ct);
                read.Add((id, text, problem));
            }
            catch (Exception e) when (e is not OperationCanceledException and not ExternalTool.MissingException)
            {
                log.LogWarning(e, "The text of document {Id} could not be read.", id);
                read.Add((id, "", $"Der Text konnte nicht gelesen werden ({e.GetType().Name})."));
            }
        }
        // All at once; if that fails, one by one, so that one document cannot stop the others.
        if (!await SaveAsync(read, ct))
            foreach (var one in read)
                if (!await SaveAsync([one], ct))
                    await SaveAsync([(one.Id, "", string.Create(German, $"Der gelesene Text ({one.Text.Length:N0} Zeichen) konnte nicht gespeichert werden."))], ct, last: true);
        return pending.Count;
    }

    private async Task<bool> SaveAsync(IReadOnlyList<(int Id, string Text, string? Problem)> texts, CancellationToken ct, bool last = false)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.Scope = UnitScope.System;
            db.SuppressChangeAudit = true; // derived data, not a change by anyone
            var ids = texts.Select(t => t.Id).ToList();
            var documents = await db.Documents.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
            foreach (var (id, text, problem) in texts)
                if (documents.TryGetValue(id, out var d)) (d.Text, d.TextProblem) = (text, problem);
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException && !last)
        {
            log.LogWarning(e, "Storing the text of {Count} document(s) failed; storing them one by one.", texts.Count);
            return false;
        }
    }

    private async Task<(string Text, string? Problem)> PdfTextAsync(string path, CancellationToken ct)
    {
        var result = await ExternalTool.RunAsync("pdftotext", ["-q", "-enc", "UTF-8", path, "-"], ProcessTimeout, ct);
        if (result.TimedOut)
        {
            log.LogWarning("pdftotext took longer than {Seconds} s for {Path}; its text is left empty.", ProcessTimeout.TotalSeconds, path);
            return ("", $"Das Lesen des Textes dauerte länger als {ProcessTimeout.TotalSeconds:0} Sekunden und wurde abgebrochen.");
        }
        // A damaged PDF gives no text, not an error: the document stays readable, only not searchable.
        if (result.ExitCode != 0) log.LogInformation("pdftotext could not read {Path} (exit {Code}).", path, result.ExitCode);
        var text = result.Output.Replace("\0", "");
        if (text.Length <= MaxChars) return (text, result.ExitCode != 0 ? "Die PDF-Datei ist beschädigt; ihr Text konnte nicht gelesen werden." : null);
        // Cut at a whole character: half a surrogate pair is no text.
        var cut = char.IsHighSurrogate(text[MaxChars - 1]) ? MaxChars - 1 : MaxChars;
        return (text[..cut], string.Create(German, $"Der Text ist länger als {MaxChars:N0} Zeichen; gesucht wird in den ersten {cut:N0}."));
    }
}

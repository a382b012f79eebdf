using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Features.Documents;

/// <summary>
/// Removes files from the document store that no document version names: what a delivery left behind
/// when it was refused after its attachments were stored, or when the process was killed between storing
/// the bytes and writing the row. Only files older than the grace period go, so that a delivery in
/// progress keeps its files; each run says in the log what it removed.
/// </summary>
public sealed class DocumentSweep(IDbContextFactory<BackOfficeDb> dbFactory, DocumentStore store, IOptions<BackOfficeOptions> options,
    ILogger<DocumentSweep> log) : ILeasedWork
{
    private const int BatchSize = 500;

    public async Task RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        if (o.DocumentSweepHours <= 0) return; // switched off
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1), ct); // not during start-up
            while (!ct.IsCancellationRequested)
            {
                try { await SweepAsync(DateTime.UtcNow.AddHours(-o.DocumentSweepGraceHours), ct); }
                catch (Exception e) when (e is not OperationCanceledException) { log.LogError(e, "Sweeping the document store failed; trying again at the next run."); }
                await Task.Delay(TimeSpan.FromHours(o.DocumentSweepHours), ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    /// <summary>Deletes the unreferenced files last written before <paramref name="before"/>; returns their SHA-256.</summary>
    public async Task<IReadOnlyList<string>> SweepAsync(DateTime before, CancellationToken ct = default)
    {
        var removed = new List<string>();
        foreach (var batch in store.StoredBefore(before).Chunk(BatchSize))
        {
            var hashes = batch.Select(f => f.Sha256).ToList();
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                db.Scope = UnitScope.System;
                var named = (await db.DocumentVersions.AsNoTracking().Where(v => hashes.Contains(v.Sha256)).Select(v => v.Sha256).Distinct().ToListAsync(ct)).ToHashSet();
                // A scanned document waiting for the mail room's check is named by its scan, not yet by a version.
                named.UnionWith(await db.ScanDocuments.AsNoTracking().Where(d => hashes.Contains(d.PdfSha256)).Select(d => d.PdfSha256).Distinct().ToListAsync(ct));
                hashes.RemoveAll(named.Contains);
            }
            foreach (var sha in hashes)
                if (await store.DeleteIfUntouchedAsync(sha, before, ct)) removed.Add(sha);
        }
        if (removed.Count > 0)
            log.LogInformation("Document store: removed {Count} files that no document names and that were older than {Before:u}: {Files}",
                removed.Count, before, string.Join(", ", removed.Take(20)) + (removed.Count > 20 ? ", …" : ""));
        return removed;
    }
}

using BackOffice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Features.Scanning;

/// <summary>
/// The paper originals after substitutive scanning (TR-RESISCAN): each batch's paper is kept until its destruction
/// day (scan day plus the weeks the administration sets), and only once every document of it was checked. The mail
/// room lists what is due and records "vernichtet" with who and when; a batch with a document sent back for scanning again
/// is never due (its paper is needed). The captured scan file goes with the paper, its
/// check value stays in every document's transfer note.
/// </summary>
public sealed class ScanOriginals(IDbContextFactory<BackOfficeDb> factory, IOptions<BackOfficeOptions> options)
{
    public sealed record Due(int BatchId, string FileName, string Scanner, DateTime CapturedAt, int Pages, int Documents, DateOnly DestroyFrom);
    /// <summary>A page of the due originals, how many are due in all, and how many wait for their day.</summary>
    public sealed record List(IReadOnlyList<Due> Rows, int DueCount, int Waiting);

    public const int PageSize = 50;

    private static IQueryable<ScanBatch> DueBatches(BackOfficeDb db, DateOnly today) =>
        db.ScanBatches.Where(b => b.Step == ScanStep.Done && b.DestroyedAt == null && b.DestroyFrom != null && b.DestroyFrom <= today
            // Paper of a rejected document goes through the scanner again: it was never captured well enough.
            && !b.Documents.Any(d => d.State == ScanDocumentState.Rejected));

    public async Task<List> ListAsync(DateOnly today, int page = 0, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Scope = UnitScope.System;
        var due = DueBatches(db, today);
        var rows = await due.AsNoTracking().OrderBy(b => b.DestroyFrom).ThenBy(b => b.Id).Skip(page * PageSize).Take(PageSize)
            .Select(b => new Due(b.Id, b.FileName, b.Scanner, b.CapturedAt, b.Pages, b.Documents.Count(d => d.State == ScanDocumentState.Confirmed), b.DestroyFrom!.Value))
            .ToListAsync(ct);
        var waiting = await db.ScanBatches.CountAsync(b => b.DestroyedAt == null && (b.Step == ScanStep.ToCheck || b.Step == ScanStep.Taken
            || b.Step == ScanStep.Done && (b.DestroyFrom > today || b.Documents.Any(d => d.State == ScanDocumentState.Rejected))), ct);
        return new List(rows, await due.CountAsync(ct), waiting);
    }

    /// <summary>Records the paper of these batches as destroyed (those not due are left alone) and removes their scan files.</summary>
    public async Task<Outcome> MarkDestroyedAsync(IReadOnlyCollection<int> batchIds, DateOnly today, string actor, CancellationToken ct = default)
    {
        if (batchIds.Count == 0) return Outcome.Refused("Bitte die vernichteten Originale auswählen.");
        await using var db = await factory.CreateDbContextAsync(ct);
        (db.Scope, db.Actor) = (UnitScope.System, actor);
        var batches = await DueBatches(db, today).Where(b => batchIds.Contains(b.Id)).ToListAsync(ct);
        if (batches.Count == 0) return Outcome.Stale("Diese Originale sind nicht (mehr) zur Vernichtung fällig.");
        var now = DateTime.UtcNow;
        foreach (var batch in batches) (batch.DestroyedAt, batch.DestroyedBy) = (now, actor);
        await db.SaveChangesAsync(ct);
        // Recorded first: a crash leaves at worst a scan file kept longer, never a record of a file that is gone unrecorded.
        foreach (var batch in batches)
        {
            var file = Path.Combine(options.Value.ScanOriginalsPath, batch.OriginalName);
            if (File.Exists(file)) File.Delete(file);
        }
        return Outcome.Done($"{Labels.Count(batches.Count, "Papieroriginal ist", "Papieroriginale sind")} als vernichtet eingetragen.");
    }
}

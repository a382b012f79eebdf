using BackOffice.Data;
using BackOffice.Features.Inbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Features.Scanning;

/// <summary>
/// The mail room's side of the Scanstelle: what is being read, what failed (retry or discard), and the next document
/// to check with its proposal. A confirmed document becomes an inbox item of the chosen unit (channel Papier), or a
/// letter of the proposed case; it appears live in that unit's Posteingang. Every step is in the audit trail.
/// </summary>
public sealed class ScanCheck(IDbContextFactory<BackOfficeDb> factory, IOptions<BackOfficeOptions> options, InboxEvents inboxEvents, ScanEvents scanEvents)
{
    public sealed record Overview(int Reading, IReadOnlyList<Failure> Failures, int ToCheck, Next? Next, IReadOnlyList<UnitOption> Units);
    public sealed record Failure(int BatchId, string FileName, string Scanner, DateTime TakenAt, string Error, int Attempts);
    /// <param name="DuplicateOf">The earlier scan of the same content, in words ("„brief.pdf“ vom 07.12.2026 09:14"), or null.</param>
    public sealed record Next(int DocumentId, int BatchId, string FileName, string Scanner, DateTime CapturedAt, int Pages, string? DuplicateOf,
        int? UnitId, int? CaseId, string? CaseReference, string? Reason, string Subject, string Sender);
    public sealed record UnitOption(int Id, string Key, string Name);
    /// <summary>Where the mail room sends a document: a unit, or (when proposed) the case; with the item's subject, sender and day.</summary>
    public sealed record Confirmation(int UnitId, bool ToCase, string? Subject, string? Sender, DateOnly? ReceivedOn);

    private async Task<BackOfficeDb> OpenAsync(string actor, CancellationToken ct)
    {
        var db = await factory.CreateDbContextAsync(ct);
        // Scans are the mail room's (the page and endpoint admit it alone); it routes to any unit.
        (db.Scope, db.Actor) = (UnitScope.System, actor);
        return db;
    }

    public async Task<Overview> OverviewAsync(CancellationToken ct = default)
    {
        await using var db = await OpenAsync("Scanstelle", ct);
        var reading = await db.ScanBatches.CountAsync(b => b.Step == ScanStep.Taken, ct);
        var failures = await db.ScanBatches.AsNoTracking().Where(b => b.Step == ScanStep.Failed).OrderBy(b => b.Id).Take(50)
            .Select(b => new Failure(b.Id, b.FileName, b.Scanner, b.TakenAt, b.Error ?? "", b.Attempts)).ToListAsync(ct);
        var toCheck = await db.ScanDocuments.CountAsync(d => d.State == ScanDocumentState.ToCheck, ct);
        var doc = await db.ScanDocuments.AsNoTracking().Include(d => d.Batch).Where(d => d.State == ScanDocumentState.ToCheck).OrderBy(d => d.Id).FirstOrDefaultAsync(ct);
        Next? next = null;
        if (doc is not null)
        {
            var reference = doc.ProposedCaseId is { } caseId ? await db.Cases.Where(c => c.Id == caseId).Select(c => c.Reference).SingleOrDefaultAsync(ct) : null;
            var batch = doc.Batch!;
            var earlier = batch.DuplicateOfId is { } earlierId
                ? await db.ScanBatches.Where(b => b.Id == earlierId).Select(b => new { b.FileName, b.TakenAt }).SingleOrDefaultAsync(ct) : null;
            next = new Next(doc.Id, batch.Id, batch.FileName, batch.Scanner, batch.CapturedAt, doc.PageCount,
                earlier is null ? null : $"„{earlier.FileName}“ vom {Labels.DateTime(earlier.TakenAt)}", doc.ProposedUnitId,
                reference is null ? null : doc.ProposedCaseId, reference, doc.ProposalReason,
                ScanProposals.Subject(doc.Text) ?? $"Scan {Path.GetFileNameWithoutExtension(batch.FileName)}", ScanProposals.Sender(doc.Text) ?? "");
        }
        var units = await db.OrgUnits.AsNoTracking().OrderBy(u => u.Key).Select(u => new UnitOption(u.Id, u.Key, u.Name)).ToListAsync(ct);
        return new Overview(reading, failures, toCheck, next, units);
    }

    public async Task<Outcome> ConfirmAsync(int documentId, Confirmation to, string actor, string? actorId, CancellationToken ct = default)
    {
        var subject = PlainText.Clean(to.Subject) ?? "";
        var sender = PlainText.Clean(to.Sender) ?? "";
        if (RegisterUpload.LetterProblem(subject, sender, to.ReceivedOn) is { } problem) return Outcome.Refused(problem);

        await using var db = await OpenAsync(actor, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var doc = await db.ScanDocuments.Include(d => d.Batch).SingleOrDefaultAsync(d => d.Id == documentId, ct);
        if (doc is null) return Outcome.Refused("Dieses Dokument gibt es nicht mehr.");
        if (doc.State != ScanDocumentState.ToCheck) return Outcome.Stale("Dieses Dokument ist inzwischen geprüft worden.");
        Case? @case = null;
        if (to.ToCase)
        {
            @case = doc.ProposedCaseId is { } caseId ? await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId, ct) : null;
            if (@case is null) return Outcome.Refused("Der vorgeschlagene Vorgang ist nicht (mehr) da. Bitte eine Organisationseinheit wählen.");
        }
        var unitId = @case?.UnitId ?? to.UnitId;
        var unit = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null) return Outcome.Refused("Bitte eine Organisationseinheit wählen.");
        // The mail room registered it: its own unit keeps it in its Posteingangsbuch.
        var registeredBy = actorId is null ? null : await db.UserUnits.Where(u => u.UserId == actorId).OrderBy(u => u.OrgUnitId).Select(u => (int?)u.OrgUnitId).FirstOrDefaultAsync(ct);

        var now = DateTime.UtcNow;
        var day = to.ReceivedOn ?? DateOnly.FromDateTime(Labels.Local(doc.Batch!.CapturedAt));
        var item = new InboxItem
        {
            Number = InboxNumbers.Format(now, await InboxNumbers.NextAsync(db, now)), Channel = Channel.Papier,
            ReceivedAt = RegisterUpload.ReceivedAt(day, now), UnitId = unit.Id, RegisteredUnitId = registeredBy ?? unit.Id,
            Subject = subject, Sender = sender.Length == 0 ? "unbekannt" : sender, CaseId = @case?.Id,
            // A letter to a case goes to whoever works the case.
            AssigneeId = @case?.AssigneeId, State = @case?.AssigneeId is null ? InboxState.Neu : InboxState.Zugewiesen,
        };
        item.Documents.Add(new Document
        {
            UnitId = unit.Id, CaseId = @case?.Id, Title = subject, CreatedAt = now,
            Versions = [new DocumentVersion
            {
                Number = 1, Sha256 = doc.PdfSha256, Size = doc.PdfSize, MimeType = "application/pdf", CreatedAt = now, CreatedById = actorId,
                FileName = Path.GetFileNameWithoutExtension(doc.Batch!.FileName) + ".pdf",
            }],
        });
        db.InboxItems.Add(item);
        (doc.State, doc.CheckedBy, doc.CheckedAt) = (ScanDocumentState.Confirmed, actor, now);
        await db.SaveChangesAsync(ct);
        doc.InboxItemId = item.Id;
        await FinishBatchAsync(db, doc, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        inboxEvents.Publish(unit.Id);
        scanEvents.Publish();
        return Outcome.Done(@case is null ? $"{item.Number} ist an {unit.Key} {unit.Name} geleitet." : $"{item.Number} ist dem Vorgang {@case.Reference} zugeordnet ({unit.Key}).");
    }

    /// <summary>"Neu scannen": the document is not routed; the paper goes through the scanner again.</summary>
    public async Task<Outcome> RejectAsync(int documentId, string actor, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(actor, ct);
        var doc = await db.ScanDocuments.Include(d => d.Batch).SingleOrDefaultAsync(d => d.Id == documentId, ct);
        if (doc is null) return Outcome.Refused("Dieses Dokument gibt es nicht mehr.");
        if (doc.State != ScanDocumentState.ToCheck) return Outcome.Stale("Dieses Dokument ist inzwischen geprüft worden.");
        (doc.State, doc.CheckedBy, doc.CheckedAt) = (ScanDocumentState.Rejected, actor, DateTime.UtcNow);
        await FinishBatchAsync(db, doc, ct);
        await db.SaveChangesAsync(ct);
        scanEvents.Publish();
        return Outcome.Done($"„{doc.Batch!.FileName}“ ist zurückgewiesen: bitte neu scannen.");
    }

    public async Task<Outcome> RetryAsync(int batchId, string actor, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(actor, ct);
        var batch = await db.ScanBatches.SingleOrDefaultAsync(b => b.Id == batchId, ct);
        if (batch is not { Step: ScanStep.Failed }) return Outcome.Stale("Dieser Stapel wartet nicht mehr auf einen neuen Versuch.");
        (batch.Step, batch.Error) = (ScanStep.Taken, null);
        await db.SaveChangesAsync(ct);
        scanEvents.Publish();
        return Outcome.Done($"„{batch.FileName}“ wird noch einmal gelesen.");
    }

    /// <summary>"Verwerfen": the batch is not read; its original moves to the quarantine folder and stays there.</summary>
    public async Task<Outcome> DiscardAsync(int batchId, string actor, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(actor, ct);
        var batch = await db.ScanBatches.SingleOrDefaultAsync(b => b.Id == batchId, ct);
        if (batch is not { Step: ScanStep.Failed }) return Outcome.Stale("Dieser Stapel ist nicht (mehr) unter den Fehlern.");
        var o = options.Value;
        var original = Path.Combine(o.ScanOriginalsPath, batch.OriginalName);
        Directory.CreateDirectory(o.ScanQuarantinePath);
        if (File.Exists(original)) File.Move(original, Path.Combine(o.ScanQuarantinePath, batch.OriginalName), overwrite: false);
        batch.Step = ScanStep.Discarded;
        await db.SaveChangesAsync(ct);
        scanEvents.Publish();
        return Outcome.Done($"„{batch.FileName}“ ist verworfen; das Original liegt in der Quarantäne.");
    }

    /// <summary>The PDF/A of a document waiting for the check, for the preview.</summary>
    public async Task<(string Sha256, string FileName)?> PdfAsync(int documentId, CancellationToken ct = default)
    {
        await using var db = await OpenAsync("Scanstelle", ct);
        var doc = await db.ScanDocuments.AsNoTracking().Include(d => d.Batch).SingleOrDefaultAsync(d => d.Id == documentId, ct);
        return doc is null ? null : (doc.PdfSha256, Path.GetFileNameWithoutExtension(doc.Batch!.FileName) + ".pdf");
    }

    /// <summary>The batch is done when no other document of it waits for the check.</summary>
    private static async Task FinishBatchAsync(BackOfficeDb db, ScanDocument checkedNow, CancellationToken ct)
    {
        if (!await db.ScanDocuments.AnyAsync(d => d.BatchId == checkedNow.BatchId && d.Id != checkedNow.Id && d.State == ScanDocumentState.ToCheck, ct))
            checkedNow.Batch!.Step = ScanStep.Done;
    }
}

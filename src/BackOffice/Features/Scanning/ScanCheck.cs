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
public sealed class ScanCheck(IDbContextFactory<BackOfficeDb> factory, IOptions<BackOfficeOptions> options, InboxEvents inboxEvents, ScanEvents scanEvents,
    ScanLearning learning)
{
    public sealed record Overview(int Reading, IReadOnlyList<Failure> Failures, int ToCheck, Next? Next, IReadOnlyList<UnitOption> Units,
        IReadOnlyList<ServiceOption> Services, IReadOnlyList<Queued> Queue, IReadOnlyList<Routed> RoutedToday);
    /// <summary>A document that went to its unit without the check (above the administration's threshold).</summary>
    public sealed record Routed(string FileName, string Pages, DateTime At, string Unit, string? Reason, int? Confidence);
    /// <summary>A batch waiting to be read or being read: with its pages (once counted) and, while read, an estimate.</summary>
    public sealed record Queued(int BatchId, string FileName, string Scanner, int Pages, DateTime? ReadStartedAt, int? PagesDoneEstimate, DateTime? ExpectedEnd);
    public sealed record Failure(int BatchId, string FileName, string Scanner, DateTime TakenAt, string Error, int Attempts);
    /// <param name="DuplicateOf">The earlier scan of the same content, in words ("„brief.pdf“ vom 07.12.2026 09:14"), or null.</param>
    public sealed record Next(int DocumentId, int BatchId, string FileName, string Scanner, DateTime CapturedAt, int Pages, string? DuplicateOf,
        int? UnitId, int? CaseId, string? CaseReference, string? Reason, string Subject, string Sender, int? ServiceId, int? Confidence,
        bool QualitySample, string SourcePages, int BlankPagesDropped, string? Profile, string PdfVersion, bool HasNextInBatch, IReadOnlyList<Choice> Choices, int BatchPages);
    /// <summary>A proposal the mail room may pick instead: its unit, service and case, and what it says.</summary>
    public sealed record Choice(int UnitId, int? ServiceId, int? CaseId, string Label);
    public sealed record UnitOption(int Id, string Key, string Name);
    public sealed record ServiceOption(int Id, int UnitId, string Name);
    /// <summary>Where the mail room sends a document: a unit, or (when proposed) the case; with the item's subject, sender and day.</summary>
    /// <param name="QualityChecked">The mail room compared every page with the paper (needed for a document drawn for the quality check).</param>
    /// <param name="Remark">Anything unusual, for the transfer note.</param>
    public sealed record Confirmation(int UnitId, bool ToCase, string? Subject, string? Sender, DateOnly? ReceivedOn, int? ServiceId = null,
        bool QualityChecked = false, string? Remark = null, bool Automatic = false);

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
        var doc = await db.ScanDocuments.AsNoTracking().Include(d => d.Batch).Where(d => d.State == ScanDocumentState.ToCheck)
            .OrderBy(d => d.BatchId).ThenBy(d => d.FirstPage).FirstOrDefaultAsync(ct); // a batch's documents in their order, also after a split
        var units = await db.OrgUnits.AsNoTracking().OrderBy(u => u.Key).Select(u => new UnitOption(u.Id, u.Key, u.Name)).ToListAsync(ct);
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
                ScanProposals.Subject(doc.Text) ?? $"Scan {Path.GetFileNameWithoutExtension(batch.FileName)}", ScanProposals.Sender(doc.Text) ?? "",
                doc.ProposedServiceId, doc.Confidence, doc.QualitySample, doc.SourcePages, doc.BlankPagesDropped, batch.Profile, doc.PdfSha256[..12],
                await db.ScanDocuments.AnyAsync(d => d.BatchId == doc.BatchId && d.State == ScanDocumentState.ToCheck && d.FirstPage > doc.FirstPage, ct),
                await ChoicesAsync(db, doc, reference, units, ct), batch.Pages);
        }
        var services = await db.Services.AsNoTracking().OrderBy(s => s.Name).Select(s => new ServiceOption(s.Id, s.UnitId, s.Name)).ToListAsync(ct);
        var today = LocalDays.Start(LocalDays.Today());
        var routed = await db.ScanDocuments.AsNoTracking().Where(d => d.RoutedAutomatically && d.CheckedAt >= today).OrderByDescending(d => d.CheckedAt).Take(20)
            .Join(db.OrgUnits, d => d.ProposedUnitId, u => u.Id, (d, u) => new Routed(d.Batch!.FileName, d.SourcePages, d.CheckedAt!.Value, u.Key + " " + u.Name, d.ProposalReason, d.Confidence))
            .ToListAsync(ct);
        return new Overview(reading, failures, toCheck, next, units, services, await QueueAsync(db, ct), routed);
    }

    /// <summary>Only the batches waiting and being read: what moves while a batch is read.</summary>
    public async Task<IReadOnlyList<Queued>> QueueAsync(CancellationToken ct = default)
    {
        await using var db = await OpenAsync("Scanstelle", ct);
        return await QueueAsync(db, ct);
    }

    private async Task<IReadOnlyList<Choice>> ChoicesAsync(BackOfficeDb db, ScanDocument doc, string? reference, IReadOnlyList<UnitOption> unitList,
        CancellationToken ct)
    {
        var stored = new ScanProposals.Proposal(doc.ProposedUnitId, reference is null ? null : doc.ProposedCaseId, doc.ProposalReason, doc.ProposedServiceId, doc.Confidence);
        var choices = await ScanProposals.ChoicesAsync(db, doc.Text, stored, learning, ct);
        var units = unitList.ToDictionary(u => u.Id);
        return choices.Where(c => c.UnitId is { } id && units.ContainsKey(id)).Select(c =>
        {
            var unit = units[c.UnitId!.Value];
            var what = c.CaseId is not null && reference is not null ? $"Vorgang {reference}" : $"{unit.Key} {unit.Name}";
            return new Choice(unit.Id, c.ServiceId, c.CaseId, $"{what}: {c.Reason}" + (c.Confidence is { } p ? $" · {p} % sicher" : ""));
        }).ToList();
    }

    /// <summary>
    /// The batches waiting to be read, the one being read first with an estimate from the seconds per page the last
    /// batches took (ocrmypdf reports no progress of its own).
    /// </summary>
    private static async Task<IReadOnlyList<Queued>> QueueAsync(BackOfficeDb db, CancellationToken ct)
    {
        var taken = await db.ScanBatches.AsNoTracking().Where(b => b.Step == ScanStep.Taken).OrderBy(b => b.Id).Take(20)
            .Select(b => new { b.Id, b.FileName, b.Scanner, b.Pages, b.ReadStartedAt }).ToListAsync(ct);
        if (taken.Count == 0) return [];
        var recent = await db.ScanBatches.AsNoTracking().Where(b => b.ReadSeconds != null && b.Pages > 0 && b.Step != ScanStep.Failed)
            .OrderByDescending(b => b.Id).Take(20).Select(b => new { b.ReadSeconds, b.Pages }).ToListAsync(ct);
        double? perPage = recent.Count == 0 ? null : recent.Sum(r => r.ReadSeconds!.Value) / recent.Sum(r => r.Pages);
        var now = DateTime.UtcNow;
        return taken.Select(b =>
        {
            if (b.ReadStartedAt is not { } started || b.Pages == 0 || perPage is not { } p) return new Queued(b.Id, b.FileName, b.Scanner, b.Pages, b.ReadStartedAt, null, null);
            var done = (int)Math.Clamp((now - started).TotalSeconds / p, 0, b.Pages - 1);
            var end = started.AddSeconds(p * b.Pages);
            return new Queued(b.Id, b.FileName, b.Scanner, b.Pages, started, done, end < now ? now.AddSeconds(p) : end);
        }).ToList();
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
        if (doc.QualitySample && !to.QualityChecked)
            return Outcome.Refused("Dieses Dokument ist für die Qualitätsprüfung gezogen: Bitte jede Seite mit dem Papier vergleichen und das bestätigen.");
        var remark = PlainText.Clean(to.Remark);
        if (remark is { Length: > 1000 }) return Outcome.Refused("Die Bemerkung hat höchstens 1.000 Zeichen.");
        Case? @case = null;
        if (to.ToCase)
        {
            @case = doc.ProposedCaseId is { } caseId ? await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId, ct) : null;
            if (@case is null) return Outcome.Refused("Der vorgeschlagene Vorgang ist nicht (mehr) da. Bitte eine Organisationseinheit wählen.");
        }
        var unitId = @case?.UnitId ?? to.UnitId;
        var unit = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null) return Outcome.Refused("Bitte eine Organisationseinheit wählen.");
        var serviceId = to.ServiceId is > 0 ? to.ServiceId : null;
        if (serviceId is { } chosen && !await ScanAdministration.IsServiceOfAsync(db, chosen, unit.Id, ct)) return Outcome.Refused(ScanAdministration.ServiceOfOtherUnit);
        // The mail room registered it: its own unit keeps it in its Posteingangsbuch.
        var registeredBy = actorId is null ? null : await db.UserUnits.Where(u => u.UserId == actorId).OrderBy(u => u.OrgUnitId).Select(u => (int?)u.OrgUnitId).FirstOrDefaultAsync(ct);

        var now = DateTime.UtcNow;
        var day = to.ReceivedOn ?? DateOnly.FromDateTime(Labels.Local(doc.Batch!.CapturedAt));
        var item = new InboxItem
        {
            Number = InboxNumbers.Format(now, await InboxNumbers.NextAsync(db, now)), Channel = Channel.Papier,
            ReceivedAt = RegisterUpload.ReceivedAt(day, now), UnitId = unit.Id, RegisteredUnitId = registeredBy ?? unit.Id, ServiceId = serviceId ?? @case?.ServiceId,
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
        // The transfer note names the person as colleagues know them, with the account the audit trail names.
        var person = actorId is null ? actor
            : await db.Users.Where(u => u.Id == actorId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) is { Length: > 0 } name ? $"{name} ({actor})" : actor;
        (doc.State, doc.CheckedBy, doc.CheckedAt, doc.Remark, doc.RoutedAutomatically) = (ScanDocumentState.Confirmed, actor, now, remark, to.Automatic);
        if (to.QualityChecked && !to.Automatic) (doc.QualityCheckedBy, doc.QualityCheckedAt) = (person, now);
        item.Documents[0].TransferNote = ScanTransferNote.Write(doc.Batch!, doc, person, now);
        db.InboxItems.Add(item);
        await db.SaveChangesAsync(ct);
        doc.InboxItemId = item.Id;
        await FinishBatchAsync(db, doc, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        inboxEvents.Publish(unit.Id);
        scanEvents.Publish();
        return Outcome.Done(@case is null ? $"{item.Number} ist an {unit.Key} {unit.Name} geleitet." : $"{item.Number} ist dem Vorgang {@case.Reference} zugeordnet ({unit.Key}).");
    }

    public const string AutomaticActor = "Scanstelle (automatisch)";

    /// <summary>
    /// Routes the documents of a freshly read batch whose proposal reaches the administration's threshold, unless they
    /// were drawn for the quality check (a person looks at those). Off by default.
    /// </summary>
    public async Task<int> RouteAutomaticallyAsync(int batchId, CancellationToken ct = default)
    {
        List<ScanDocument> due;
        await using (var db = await OpenAsync(AutomaticActor, ct))
        {
            if ((await ScanSettings.GetAsync(db, ct)).AutoRoutePercent is not { } threshold) return 0;
            due = await db.ScanDocuments.AsNoTracking().Include(d => d.Batch)
                .Where(d => d.BatchId == batchId && d.State == ScanDocumentState.ToCheck && !d.QualitySample && d.ProposedUnitId != null && d.Confidence >= threshold)
                .OrderBy(d => d.Id).ToListAsync(ct);
        }
        var routed = 0;
        foreach (var doc in due)
        {
            var to = new Confirmation(doc.ProposedUnitId!.Value, doc.ProposedCaseId is not null,
                ScanProposals.Subject(doc.Text) ?? $"Scan {Path.GetFileNameWithoutExtension(doc.Batch!.FileName)}", ScanProposals.Sender(doc.Text), null,
                doc.ProposedServiceId, Automatic: true);
            if ((await ConfirmAsync(doc.Id, to, AutomaticActor, null, ct)).IsDone) routed++;
        }
        return routed;
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
        (batch.Step, batch.Error, batch.ReadStartedAt) = (ScanStep.Taken, null, null);
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

    /// <summary>
    /// Separator sheets to print: <paramref name="target"/> "" for a plain one, "alle" for one per unit, "oe-{id}" for a
    /// unit, "leistung-{id}" for a service. Null when the target does not exist.
    /// </summary>
    public async Task<IReadOnlyList<ScanSeparatorSheets.Sheet>?> SeparatorSheetsAsync(string? target, CancellationToken ct = default)
    {
        await using var db = await OpenAsync("Scanstelle", ct);
        var units = db.OrgUnits.AsNoTracking().OrderBy(u => u.Key);
        switch (target ?? "")
        {
            case "":
                return [new(ScanSeparators.Code(), "ohne Ziel (nur trennen)")];
            case "alle":
                return (await units.Select(u => new { u.Key, u.Name }).ToListAsync(ct)).Select(u => new ScanSeparatorSheets.Sheet(ScanSeparators.Code(u.Key), $"{u.Key} {u.Name}")).ToList();
            case var t when t.StartsWith("oe-") && int.TryParse(t[3..], out var unitId):
                var unit = await units.Where(u => u.Id == unitId).Select(u => new { u.Key, u.Name }).SingleOrDefaultAsync(ct);
                return unit is null ? null : [new(ScanSeparators.Code(unit.Key), $"{unit.Key} {unit.Name}")];
            case var t when t.StartsWith("leistung-") && int.TryParse(t[9..], out var serviceId):
                var service = await db.Services.AsNoTracking().Where(s => s.Id == serviceId).Select(s => new { s.Key, s.Name, UnitKey = s.Unit!.Key }).SingleOrDefaultAsync(ct);
                return service is null ? null : [new(ScanSeparators.Code(serviceKey: service.Key), $"{service.UnitKey} {service.Name}")];
            default:
                return null;
        }
    }

    /// <summary>Whether the document still waits for the check (another desk may have checked it).</summary>
    public async Task<bool> IsWaitingAsync(int documentId, CancellationToken ct = default)
    {
        await using var db = await OpenAsync("Scanstelle", ct);
        return await db.ScanDocuments.AnyAsync(d => d.Id == documentId && d.State == ScanDocumentState.ToCheck, ct);
    }

    /// <summary>A stored scan that no longer matches its check value: in the audit trail.</summary>
    public async Task LogDamagedAsync(int documentId, string actor, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(actor, ct);
        db.LogEvent("integrity-failed", nameof(ScanDocument), documentId.ToString());
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The batch is done when no other document of it waits for the check.</summary>
    private static async Task FinishBatchAsync(BackOfficeDb db, ScanDocument checkedNow, CancellationToken ct)
    {
        if (!await db.ScanDocuments.AnyAsync(d => d.BatchId == checkedNow.BatchId && d.Id != checkedNow.Id && d.State == ScanDocumentState.ToCheck, ct))
            checkedNow.Batch!.Step = ScanStep.Done;
    }
}

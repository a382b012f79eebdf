using BackOffice.Data;
using BackOffice.Infrastructure;
using BackOffice.Shared;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Files;

/// <summary>
/// Working a case, whatever its channel (issue 11): who is responsible. A plain class on an opened, scoped context, so
/// that a test calls it without a browser; the case page shows its outcome.
/// </summary>
public static class CaseWork
{
    /// <summary>How far ahead a deadline or a Wiedervorlage may lie: anything further is a typing error (31.12.2999).</summary>
    public const int MaxYearsAhead = 5;

    /// <summary>What every case action answers for a case that is not there, or not in the user's units (the same to them).</summary>
    public const string CaseNotFound = "Diesen Vorgang gibt es nicht in Ihren Organisationseinheiten.";

    /// <summary>
    /// Makes <paramref name="assigneeId"/> responsible for the case and for its open inbox items (an item and its case
    /// have one person, whichever of them was assigned).
    /// </summary>
    public static async Task<Outcome> AssignAsync(BackOfficeDb db, int caseId, string assigneeId, CancellationToken ct = default)
    {
        var @case = await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return Outcome.Refused(CaseNotFound);
        var assignee = await Assignees.FindAsync(db, @case.UnitId, assigneeId, ct);
        if (assignee is null) return Outcome.Refused(await Assignees.RefusalAsync(db, @case.UnitId, assigneeId, ct));
        if (@case.AssigneeId == assigneeId) return Outcome.Stale($"Der Vorgang {@case.Reference} ist bereits {assignee.Name} zugewiesen.");
        var items = await HandOverAsync(db, @case, assignee, exceptItemId: null, ct);
        await db.SaveChangesAsync(ct);
        var also = items.Count == 0 ? "" : items.Count == 1 ? " Sein offener Eingang ebenfalls." : $" Seine {items.Count} offenen Eingänge ebenfalls.";
        return Outcome.Done($"Der Vorgang {@case.Reference} ist {assignee.Name} zugewiesen.{also}");
    }

    /// <summary>
    /// Gives a tracked case, and its open inbox items, to a person <see cref="Assignees"/> allowed for its unit (not
    /// saved): the one place where cases change hands, from the case page, the dashboard and the Posteingang. Returns the
    /// open items moved along, except the one the caller is assigning itself.
    /// </summary>
    public static async Task<List<InboxItem>> HandOverAsync(BackOfficeDb db, Case @case, Person assignee, int? exceptItemId, CancellationToken ct = default)
    {
        @case.AssigneeId = assignee.Id;
        var items = await db.InboxItems.Where(i => i.CaseId == @case.Id && i.State != InboxState.Erledigt && i.Id != exceptItemId).ToListAsync(ct);
        foreach (var item in items)
        {
            (item.AssigneeId, item.State) = (assignee.Id, InboxState.Zugewiesen);
            item.Version++; // a preview open elsewhere sees the change instead of overwriting it
        }
        db.LogEvent("case-assigned", nameof(Case), @case.Id.ToString(), @case.UnitId, assignee.Name);
        return items;
    }

    /// <summary>
    /// Moves the case from <paramref name="from"/> (the status the clerk saw) to <paramref name="to"/> if
    /// <see cref="CaseStatusRules"/> allow it. Closing (z.d.A.) finishes its open inbox items and closes the file when it
    /// was the file's last open case; reopening opens both again.
    /// </summary>
    public static async Task<Outcome> ChangeStatusAsync(BackOfficeDb db, string? userId, int caseId, CaseStatus from, CaseStatus to, string? reason, CancellationToken ct = default)
    {
        var @case = await db.Cases.Include(c => c.CaseFile).SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return Outcome.Refused(CaseNotFound);
        if (@case.Status != from) return Outcome.Stale($"Der Vorgang {@case.Reference} ist inzwischen „{Labels.Of(@case.Status)}“; die Seite zeigt jetzt den neuen Stand.");
        var step = CaseStatusRules.Find(from, to);
        if (step is null) return Outcome.Refused($"Ein Vorgang „{Labels.Of(from)}“ kann nicht „{Labels.Of(to)}“ werden.");
        reason = PlainText.Clean(reason) ?? "";
        if (step.NeedsReason && reason.Length == 0) return Outcome.Refused($"Bitte einen Grund angeben für „{step.Label}“; er bleibt im Verlauf des Vorgangs.");
        if (reason.Length > CaseStatusRules.MaxReasonLength) return Outcome.Refused($"Der Grund ist {reason.Length:N0} Zeichen lang; höchstens {CaseStatusRules.MaxReasonLength:N0} sind möglich.");

        var hadResubmission = @case.ResubmitAt is not null;
        var finished = (await ApplyStatusAsync(db, @case, to, userId, reason.Length == 0 ? null : reason, DateTime.UtcNow, ct)).Count;
        await db.SaveChangesAsync(ct);
        var message = to == CaseStatus.Abgeschlossen
            ? $"Der Vorgang {@case.Reference} ist zu den Akten verfügt.{(finished == 0 ? "" : finished == 1 ? " Sein offener Eingang ist erledigt." : $" Seine {finished} offenen Eingänge sind erledigt.")}{(@case.CaseFile!.ClosedAt is null ? "" : $" Die Akte {@case.CaseFile.Reference} ist damit geschlossen.")}{(hadResubmission ? " Seine Wiedervorlage ist damit erledigt." : "")}"
            : from >= CaseStatus.Entschieden ? $"Der Vorgang {@case.Reference} ist wieder aufgenommen und in Bearbeitung."
            : $"Der Vorgang {@case.Reference} ist jetzt „{Labels.Of(to)}“.";
        return Outcome.Done(message);
    }

    /// <summary>
    /// Sets the status on a tracked case (its file included) and records the change, without saving: deciding or closing
    /// finishes its open inbox items (returned), closing closes the file with its last open case, reopening opens both.
    /// </summary>
    public static async Task<List<InboxItem>> ApplyStatusAsync(BackOfficeDb db, Case @case, CaseStatus to, string? userId, string? reason, DateTime now, CancellationToken ct = default)
    {
        var from = @case.Status;
        (@case.Status, @case.StatusChangedAt) = (to, now);
        db.CaseStatusChanges.Add(new CaseStatusChange { CaseId = @case.Id, Status = to, ChangedAt = now, UserId = userId, Reason = reason });
        List<InboxItem> finished = [];
        if (to is CaseStatus.Entschieden or CaseStatus.Abgeschlossen)
        {
            // A decided case needs nothing more from its letters: they leave the open inbox.
            finished = await db.InboxItems.Where(i => i.CaseId == @case.Id && i.State != InboxState.Erledigt).ToListAsync(ct);
            foreach (var item in finished) { item.State = InboxState.Erledigt; item.Version++; }
        }
        // Closed without a decision (a withdrawn application): its processing ended all the same, and the dashboards count it done.
        if (to == CaseStatus.Entschieden || (to == CaseStatus.Abgeschlossen && @case.DecidedAt is null)) @case.Decided(now);
        if (to == CaseStatus.Abgeschlossen)
        {
            (@case.ClosedAt, @case.ResubmitAt, @case.ResubmitNote) = (now, null, null);
            var othersOpen = await db.Cases.AnyAsync(c => c.CaseFileId == @case.CaseFileId && c.Id != @case.Id && c.Status != CaseStatus.Abgeschlossen, ct);
            if (!othersOpen)
            {
                var years = await db.FilePlanEntries.Where(e => e.Id == @case.CaseFile!.FilePlanEntryId).Select(e => e.RetentionYears).SingleAsync(ct);
                (@case.CaseFile!.ClosedAt, @case.CaseFile.RetainUntil) = (now, Retention.RetainUntil(now, years));
            }
        }
        else if (from >= CaseStatus.Entschieden)
        {
            // Reopened: decided again later, closed again later; the history keeps the earlier dates.
            @case.Decided(null);
            (@case.ClosedAt, @case.CaseFile!.ClosedAt, @case.CaseFile.RetainUntil) = (null, null, null);
        }
        return finished;
    }

    /// <summary>Adds a Vermerk. Notes are kept as written: never changed, never deleted.</summary>
    public static async Task<Outcome> AddNoteAsync(BackOfficeDb db, string? userId, string authorName, int caseId, string? text, CancellationToken ct = default)
    {
        text = PlainText.Paragraphs(text) ?? "";
        if (text.Length == 0) return Outcome.Refused("Bitte den Text des Vermerks eingeben.");
        if (text.Length > CaseNoteConfiguration.CaseNoteMaxLength)
            return Outcome.Refused($"Der Vermerk ist {text.Length:N0} Zeichen lang; höchstens {CaseNoteConfiguration.CaseNoteMaxLength:N0} sind möglich. Bitte kürzen oder als Dokument ablegen.");
        var @case = await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return Outcome.Refused(CaseNotFound);
        db.CaseNotes.Add(new CaseNote { CaseId = caseId, UnitId = @case.UnitId, Text = text, CreatedAt = DateTime.UtcNow, AuthorId = userId, AuthorName = PlainText.Fit(authorName, 300) });
        await db.SaveChangesAsync(ct);
        return Outcome.Done("Der Vermerk ist gespeichert.");
    }

    /// <summary>Sets the case's Wiedervorlage to a local day (from tomorrow on), or takes it back with null.</summary>
    public static async Task<Outcome> ResubmitAsync(BackOfficeDb db, int caseId, DateOnly? day, string? note, CancellationToken ct = default)
    {
        var @case = await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return Outcome.Refused(CaseNotFound);
        if (day is null)
        {
            if (@case.ResubmitAt is null) return Outcome.Stale($"Für {@case.Reference} ist keine Wiedervorlage gesetzt.");
            (@case.ResubmitAt, @case.ResubmitNote) = (null, null);
            await db.SaveChangesAsync(ct);
            return Outcome.Done($"Die Wiedervorlage für {@case.Reference} ist erledigt.");
        }
        var today = LocalDays.Today();
        if (day <= today) return Outcome.Refused("Die Wiedervorlage muss in der Zukunft liegen; bitte ein Datum ab morgen wählen.");
        if (day > today.AddYears(MaxYearsAhead)) return Outcome.Refused($"Die Wiedervorlage liegt mehr als {MaxYearsAhead} Jahre voraus. Bitte das Datum prüfen.");
        if (@case.Status == CaseStatus.Abgeschlossen) return Outcome.Refused($"{@case.Reference} ist zu den Akten verfügt; eine Wiedervorlage ist nicht mehr nötig.");
        note = PlainText.Clean(note) ?? "";
        if (note.Length > 500) return Outcome.Refused($"Der Hinweis ist {note.Length:N0} Zeichen lang; höchstens 500 sind möglich.");
        (@case.ResubmitAt, @case.ResubmitNote) = (LocalDays.Start(day.Value), note.Length == 0 ? null : note);
        await db.SaveChangesAsync(ct);
        return Outcome.Done($"Wiedervorlage für {@case.Reference} am {day.Value.ToString("dd.MM.yyyy", Labels.German)} ist gesetzt.");
    }

    /// <summary>Changes the decision deadline (a Fristverlängerung, a deadline the law sets for this case); the reason goes to the history.</summary>
    public static async Task<Outcome> SetDeadlineAsync(BackOfficeDb db, int caseId, DateOnly day, string? reason, CancellationToken ct = default)
    {
        var @case = await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return Outcome.Refused(CaseNotFound);
        if (@case.Status >= CaseStatus.Entschieden) return Outcome.Refused($"{@case.Reference} ist entschieden; seine Frist ist erledigt.");
        reason = PlainText.Clean(reason) ?? "";
        if (reason.Length == 0) return Outcome.Refused("Bitte einen Grund für die neue Frist angeben; er bleibt im Protokoll des Vorgangs.");
        if (reason.Length > CaseStatusRules.MaxReasonLength) return Outcome.Refused($"Der Grund ist {reason.Length:N0} Zeichen lang; höchstens {CaseStatusRules.MaxReasonLength:N0} sind möglich.");
        if (day < LocalDays.Today()) return Outcome.Refused("Die neue Frist liegt in der Vergangenheit. Bitte ein Datum ab heute wählen.");
        if (day > LocalDays.Today().AddYears(MaxYearsAhead)) return Outcome.Refused($"Die neue Frist liegt mehr als {MaxYearsAhead} Jahre voraus. Bitte das Datum prüfen.");
        // The deadline ends with the day: the last moment of that local day.
        var dueAt = LocalDays.End(day).AddSeconds(-1);
        if (@case.DueAt == dueAt) return Outcome.Stale($"Die Frist von {@case.Reference} ist bereits der {day.ToString("dd.MM.yyyy", Labels.German)}.");
        @case.DueAt = dueAt;
        db.LogEvent("case-deadline", nameof(Case), @case.Id.ToString(), @case.UnitId, $"{day.ToString("dd.MM.yyyy", Labels.German)}: {reason}");
        await db.SaveChangesAsync(ct);
        return Outcome.Done($"Die Frist von {@case.Reference} ist jetzt der {day.ToString("dd.MM.yyyy", Labels.German)}.");
    }

    /// <summary>
    /// Sets the case's service and municipality (a case created without them, or under the wrong service). With
    /// <paramref name="recomputeDeadline"/> the deadline becomes the new service's, counted from receipt; otherwise it stays.
    /// </summary>
    public static async Task<Outcome> SetServiceAsync(BackOfficeDb db, int caseId, int? serviceId, int? municipalityId, bool recomputeDeadline, CancellationToken ct = default)
    {
        var @case = await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return Outcome.Refused(CaseNotFound);
        var service = serviceId is null ? null : await db.Services.AsNoTracking().SingleOrDefaultAsync(s => s.Id == serviceId && s.UnitId == @case.UnitId, ct);
        if (serviceId is not null && service is null) return Outcome.Refused("Diese Leistung gehört nicht zur Organisationseinheit des Vorgangs.");
        if (service is null && await db.Services.AnyAsync(s => s.UnitId == @case.UnitId, ct)) return Outcome.Refused("Bitte eine Leistung wählen.");
        var municipality = municipalityId is null ? null : await db.Municipalities.AsNoTracking().SingleOrDefaultAsync(m => m.Id == municipalityId, ct);
        if (municipalityId is not null && municipality is null) return Outcome.Refused("Diese Gemeinde gibt es nicht.");
        var newDue = recomputeDeadline && @case.Status < CaseStatus.Entschieden ? NewCases.DueAt(service, @case.ReceivedAt) : @case.DueAt;
        if (@case.ServiceId == service?.Id && @case.MunicipalityId == municipality?.Id && @case.DueAt == newDue)
            return Outcome.Stale($"{@case.Reference} hat diese Leistung und Gemeinde bereits.");
        (@case.ServiceId, @case.MunicipalityId, @case.DueAt) = (service?.Id, municipality?.Id, newDue);
        db.LogEvent("case-service", nameof(Case), @case.Id.ToString(), @case.UnitId,
            $"{service?.Name ?? "keine Leistung"}; {municipality?.Name ?? "Gemeinde nicht bekannt"}{(recomputeDeadline ? $"; Frist {Labels.Date(newDue)}" : "")}");
        await db.SaveChangesAsync(ct);
        var deadline = !recomputeDeadline ? "" : newDue is null ? " Die Leistung setzt keine Frist; der Vorgang hat nun keine." : $" Die Frist ist jetzt der {Labels.Date(newDue)}.";
        return Outcome.Done($"{@case.Reference}: Leistung „{service?.Name ?? "keine"}“, Gemeinde „{municipality?.Name ?? "nicht bekannt"}“.{deadline}");
    }
}

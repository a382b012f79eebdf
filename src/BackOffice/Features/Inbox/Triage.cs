using BackOffice.Infrastructure;
using BackOffice.Data;
using BackOffice.Features.Access;
using BackOffice.Features.Files;
using BackOffice.Shared;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Inbox;

/// <summary>
/// What a clerk does with an inbox item. Every action names the version the clerk saw: when someone
/// else changed the item meanwhile, nothing is written and the clerk gets the item's current state.
/// Every change reaches the audit trail through the DbContext.
/// </summary>
public sealed class Triage(UserDb userDb, InboxEvents events, InboxCounter counter)
{
    /// <summary>
    /// One action on an item: the change (a refused outcome writes nothing), and a second unit whose inbox it changes too
    /// (forwarding). Steps are values, so that one item and a selection run the same rule in the caller's context.
    /// </summary>
    public sealed record Step(Func<BackOfficeDb, InboxItem, Task<Outcome>> Change, int? AlsoNotify = null);

    /// <summary>The longest note a forwarded item carries.</summary>
    public const int InboxNoteMaxLength = 1000;

    /// <summary>Someone else was faster; <see cref="Current"/> is what the item looks like now.</summary>
    public sealed record Stale(string Message, InboxItem Current) : StaleOutcome(Message);

    /// <summary>
    /// Assigns the item and, when it belongs to a case, the case too: whoever works the letter works the case. Only to
    /// someone <see cref="Assignees"/> allows for the item's unit, checked here, whatever the page offered.
    /// </summary>
    public static Step Assign(string assigneeId) =>
        new(async (db, item) =>
        {
            var assignee = await Assignees.FindAsync(db, item.UnitId, assigneeId);
            if (assignee is null) return Outcome.Refused($"{item.Number}: {await Assignees.RefusalAsync(db, item.UnitId, assigneeId)}");
            item.AssigneeId = assignee.Id;
            if (item.State != InboxState.Erledigt) item.State = InboxState.Zugewiesen;
            var also = "";
            if (item.CaseId is { } caseId && await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId) is { } @case && @case.AssigneeId != assignee.Id)
            {
                await CaseWork.HandOverAsync(db, @case, assignee, exceptItemId: item.Id);
                also = $" Der Vorgang {@case.Reference} ebenfalls.";
            }
            return Outcome.Done($"{item.Number} ist {assignee.Name} zugewiesen.{also}");
        });

    public const string ChooseForwardTarget = "Bitte wählen, an welche Organisationseinheit weitergeleitet wird.";

    public static Step Forward(int unitId, string? note) =>
        new(async (db, item) =>
        {
            if (unitId == 0) return Outcome.Refused(ChooseForwardTarget);
            var unit = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId);
            if (unit is null) return Outcome.Refused("Diese Organisationseinheit gibt es nicht.");
            if (unit.Id == item.UnitId) return Outcome.Refused("Der Eingang ist bereits in dieser Organisationseinheit.");
            // Only where someone reads the Posteingang: an item sent anywhere else would sit where no one sees it.
            if (!(await UnitScopes.UnitsSomeoneWorksInAsync(db)).Contains(unit.Id))
                return Outcome.Refused($"In {unit.Key} {unit.Name} arbeitet niemand, der Eingänge bearbeitet: Dort fände {item.Number} niemand. Bitte eine andere Organisationseinheit wählen.");
            // The rule: a letter that belongs to a case stays with the case and its unit. Its documents are part of the
            // file; moving them would take them from the case's clerk and give them to a unit that has no file.
            if (item.CaseId is not null)
                return Outcome.Refused($"{item.Number} gehört bereits zu einem Vorgang und bleibt bei dessen Organisationseinheit. Ist der Vorgang falsch zugeordnet, geben Sie bitte den Vorgang ab.");
            if (note?.Trim().Length > InboxNoteMaxLength) return Outcome.Refused(string.Create(Labels.German, $"Der Vermerk ist {note.Trim().Length:N0} Zeichen lang; höchstens {InboxNoteMaxLength:N0} sind möglich."));
            item.UnitId = unit.Id;
            item.AssigneeId = null;
            item.State = InboxState.Neu;
            item.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
            item.ResubmitAt = null; // the receiving unit sets its own
            foreach (var d in await db.Documents.Where(d => d.InboxItemId == item.Id).ToListAsync()) d.UnitId = unit.Id;
            return Outcome.Done($"{item.Number} ist an {unit.Name} weitergeleitet.");
        }, AlsoNotify: unitId);

    /// <summary>
    /// Sets the Wiedervorlage: the item leaves the open list until that moment (see <see cref="InboxList.NotWaiting"/>).
    /// Null takes it back, so the item is open again at once.
    /// </summary>
    public static Step Resubmit(DateTime? resubmitAtUtc) =>
        new((db, item) =>
        {
            if (resubmitAtUtc is { } at && at <= DateTime.UtcNow)
                return Task.FromResult<Outcome>(Outcome.Refused("Die Wiedervorlage muss in der Zukunft liegen; bitte ein Datum ab morgen wählen."));
            if (item.State == InboxState.Erledigt)
                return Task.FromResult<Outcome>(Outcome.Refused($"{item.Number} ist erledigt; eine Wiedervorlage ist nicht mehr nötig."));
            item.ResubmitAt = resubmitAtUtc;
            return Task.FromResult<Outcome>(Outcome.Done(resubmitAtUtc is { } d
                ? $"Wiedervorlage für {item.Number} am {Labels.Date(d)} ist gesetzt; bis dahin steht der Eingang unter „auf Wiedervorlage“."
                : $"Die Wiedervorlage für {item.Number} ist aufgehoben."));
        });

    public static Step MarkDone() =>
        new((db, item) =>
        {
            item.State = InboxState.Erledigt;
            return Task.FromResult<Outcome>(Outcome.Done($"{item.Number} ist erledigt."));
        });

    /// <summary>
    /// Creates a case for the item: in an existing file of the unit (by Aktenzeichen) or in a new file under a file plan
    /// entry, for a service of the unit (its deadline applies) and, where known, the applicant's municipality.
    /// </summary>
    public static Step CreateCase(string? fileReference, int? filePlanEntryId, string? userId, int? serviceId = null, int? municipalityId = null) =>
        new(async (db, item) =>
        {
            if (item.CaseId is not null)
                return Outcome.Refused($"Zu {item.Number} gibt es bereits den Vorgang {await db.Cases.Where(c => c.Id == item.CaseId).Select(c => c.Reference).SingleOrDefaultAsync() ?? ""}; Enter öffnet ihn.");
            var now = DateTime.UtcNow;
            var service = serviceId is null ? null : await db.Services.AsNoTracking().SingleOrDefaultAsync(s => s.Id == serviceId && s.UnitId == item.UnitId);
            if (serviceId is not null && service is null) return Outcome.Refused("Diese Leistung gehört nicht zur Organisationseinheit des Eingangs. Bitte eine ihrer Leistungen wählen.");
            if (service is null && await db.Services.AnyAsync(s => s.UnitId == item.UnitId))
                return Outcome.Refused("Bitte die Leistung wählen: Nach ihr richten sich die Frist und die Statistik des Vorgangs.");
            if (municipalityId is not null && !await db.Municipalities.AnyAsync(m => m.Id == municipalityId)) return Outcome.Refused("Diese Gemeinde gibt es nicht.");
            CaseFile? file;
            if (!string.IsNullOrWhiteSpace(fileReference))
            {
                file = await db.CaseFiles.SingleOrDefaultAsync(f => f.Reference == fileReference.Trim() && f.UnitId == item.UnitId);
                if (file is null) return Outcome.Refused($"Eine Akte „{fileReference.Trim()}“ gibt es in dieser Organisationseinheit nicht.");
            }
            else if (filePlanEntryId is { } planId)
            {
                var plan = await db.FilePlanEntries.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId);
                if (plan is null) return Outcome.Refused("Diesen Aktenplaneintrag gibt es nicht.");
                if (plan.ResponsibleUnitId is { } responsible && responsible != item.UnitId)
                    return Outcome.Refused($"Unter {plan.Code} {plan.Title} legt eine andere Organisationseinheit ihre Akten an. Bitte einen Eintrag der eigenen Einheit wählen.");
                // Files name people "Surname, First name", however the letter was signed.
                var applicant = FileSearch.Reversed(item.Sender) ?? item.Sender;
                file = await FileNumbers.NewFileAsync(db, plan, item.UnitId, applicant, $"{applicant} – {item.Subject}", now);
            }
            else return Outcome.Refused("Bitte eine Akte (Aktenzeichen) oder einen Aktenplaneintrag wählen.");

            var number = await FileNumbers.NextCaseNumberAsync(db, file);
            var @case = NewCases.Create(new(file, number, item.UnitId, $"{item.Subject}: {file.ApplicantName ?? item.Sender}", file.ApplicantName ?? item.Sender,
                item.Channel, item.ReceivedAt, service, municipalityId), now, startedBy: item.AssigneeId ?? userId);
            foreach (var d in await db.Documents.Where(d => d.InboxItemId == item.Id).ToListAsync()) d.Case = @case;
            item.Case = @case;
            item.State = InboxState.Erledigt;
            item.AssigneeId ??= userId;
            return Outcome.Done($"Vorgang {@case.Reference} ist angelegt.");
        });

    public static Step AttachToCase(string caseReference) =>
        new(async (db, item) =>
        {
            if (item.CaseId is not null) return Outcome.Refused("Dieser Eingang gehört bereits zu einem Vorgang.");
            var @case = await db.Cases.SingleOrDefaultAsync(c => c.Reference == caseReference.Trim() && c.UnitId == item.UnitId);
            if (@case is null) return Outcome.Refused($"Einen Vorgang „{caseReference.Trim()}“ gibt es in dieser Organisationseinheit nicht.");
            foreach (var d in await db.Documents.Where(d => d.InboxItemId == item.Id).ToListAsync()) d.CaseId = @case.Id;
            item.CaseId = @case.Id;
            item.State = InboxState.Erledigt;
            return Outcome.Done($"{item.Number} ist dem Vorgang {@case.Reference} zugeordnet.");
        });

    // The actions in a context of their own, for callers that show nothing afterwards (tests, benchmarks).
    public Task<Outcome> AssignAsync(int itemId, int version, string assigneeId) => ApplyAsync(itemId, version, Assign(assigneeId));
    public Task<Outcome> ForwardAsync(int itemId, int version, int unitId, string? note) => ApplyAsync(itemId, version, Forward(unitId, note));
    public Task<Outcome> ResubmitAsync(int itemId, int version, DateTime? resubmitAtUtc) => ApplyAsync(itemId, version, Resubmit(resubmitAtUtc));
    public Task<Outcome> MarkDoneAsync(int itemId, int version) => ApplyAsync(itemId, version, MarkDone());
    public Task<Outcome> AttachToCaseAsync(int itemId, int version, string caseReference) => ApplyAsync(itemId, version, AttachToCase(caseReference));
    public Task<Outcome> CreateCaseAsync(int itemId, int version, string? fileReference, int? filePlanEntryId, string? userId, int? serviceId = null, int? municipalityId = null) =>
        ApplyAsync(itemId, version, CreateCase(fileReference, filePlanEntryId, userId, serviceId, municipalityId));

    public async Task<Outcome> ApplyAsync(int itemId, int version, Step step)
    {
        await using var db = await userDb.OpenAsync();
        return await ApplyAsync(db, itemId, version, step);
    }

    /// <summary>One action on one item in the caller's context, which then shows the result from the same context.</summary>
    public async Task<Outcome> ApplyAsync(BackOfficeDb db, int itemId, int version, Step step)
    {
        var changed = new HashSet<int>();
        var result = await ChangeAsync(db, itemId, version, step, changed);
        await AnnounceAsync(db, changed);
        return result;
    }

    /// <summary>
    /// One action on a selection, item by item in the caller's context (each in its own transaction): what someone else
    /// changed meanwhile stays as they left it and is named in the answer; the rest is done. Each changed unit is
    /// announced once, after all.
    /// </summary>
    public async Task<Outcome> ApplyToEachAsync(BackOfficeDb db, IReadOnlyList<(int Id, int Version)> items, Step step, string doneText)
    {
        var done = 0;
        var problems = new List<string>();
        var changed = new HashSet<int>();
        foreach (var (id, version) in items)
        {
            var result = await ChangeAsync(db, id, version, step, changed);
            db.ChangeTracker.Clear();
            if (result.IsDone) done++;
            else problems.Add(result.Message);
        }
        await AnnounceAsync(db, changed);
        var summary = $"{done} von {Labels.Count(items.Count, "Eingang", "Eingängen")} {doneText}.";
        return problems.Count == 0 ? Outcome.Done(summary) : Outcome.Refused($"{summary} Nicht geändert: {string.Join(" ", problems)}");
    }

    /// <summary>The navigation's count from the same context, then the news for other circuits (this one has reloaded).</summary>
    private async Task AnnounceAsync(BackOfficeDb db, HashSet<int> units)
    {
        if (units.Count == 0) return;
        await counter.CountAsync(db);
        foreach (var unit in units) events.Publish(unit, origin: counter);
    }

    private static async Task<Outcome> ChangeAsync(BackOfficeDb db, int itemId, int version, Step step, HashSet<int> changed)
    {
        // Read, decide and write in one transaction: numbers of new files and cases are taken inside it.
        await using var tx = await db.Database.BeginTransactionAsync();
        var item = await db.InboxItems.SingleOrDefaultAsync(i => i.Id == itemId); // scoped: other units' items are not found
        if (item is null) return Outcome.Refused("Diesen Eingang gibt es nicht (mehr) in Ihren Organisationseinheiten.");
        if (item.Version != version) return await StaleAsync(db, itemId);
        var unitBefore = item.UnitId;
        var result = await step.Change(db, item);
        if (!result.IsDone) return result;
        item.Version++;
        try
        {
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            await tx.RollbackAsync();
            db.ChangeTracker.Clear();
            return await StaleAsync(db, itemId);
        }
        catch (DbUpdateException)
        {
            // A unique number taken at the same moment by another writer (another server, the portal import): nothing was written.
            await tx.RollbackAsync();
            db.ChangeTracker.Clear();
            return Outcome.Refused("Gleichzeitig wurde an derselben Stelle etwas angelegt; es wurde nichts gespeichert. Bitte noch einmal versuchen.");
        }
        changed.Add(unitBefore);
        if (step.AlsoNotify is { } other) changed.Add(other);
        return result;
    }
    private static async Task<Outcome> StaleAsync(BackOfficeDb db, int itemId)
    {
        var current = await db.InboxItems.AsNoTracking().Include(i => i.Assignee).Include(i => i.Unit).SingleOrDefaultAsync(i => i.Id == itemId);
        if (current is null) return Outcome.Refused("Der Eingang wurde inzwischen in eine andere Organisationseinheit weitergeleitet.");
        var who = current.Assignee?.DisplayName is { } name ? $" Zuständig ist jetzt {name}." : "";
        return new Stale($"Jemand anderes hat {current.Number} gerade bearbeitet; Ihre Änderung wurde nicht gespeichert.{who} Die Anzeige zeigt den aktuellen Stand.", current);
    }
}

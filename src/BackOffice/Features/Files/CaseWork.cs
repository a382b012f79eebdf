using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Files;

/// <summary>
/// Working a case, whatever its channel (issue 11): who is responsible. A plain class on an opened, scoped context, so
/// that a test calls it without a browser; the case page shows its outcome.
/// </summary>
public static class CaseWork
{
    public sealed record Colleague(string Id, string Name);

    /// <summary>Who may be responsible for a case of the unit: its clerks and heads whose accounts are on.</summary>
    public static async Task<IReadOnlyList<Colleague>> ColleaguesAsync(BackOfficeDb db, int unitId, CancellationToken ct = default) =>
        await db.UserUnits.AsNoTracking().Where(u => u.OrgUnitId == unitId)
            .Join(db.Users, u => u.UserId, x => x.Id, (u, x) => x)
            .Where(x => !x.Disabled && (x.Role == Roles.Clerk || x.Role == Roles.Head))
            .OrderBy(x => x.DisplayName).Select(x => new Colleague(x.Id, x.DisplayName)).ToListAsync(ct);

    /// <summary>
    /// Makes <paramref name="assigneeId"/> responsible for the case and for its open inbox items (an item and its case
    /// have one person, whichever of them was assigned).
    /// </summary>
    public static async Task<Outcome> AssignAsync(BackOfficeDb db, int caseId, string assigneeId, CancellationToken ct = default)
    {
        var @case = await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return Outcome.Refused("Diesen Vorgang gibt es nicht in Ihren Organisationseinheiten.");
        var assignee = (await ColleaguesAsync(db, @case.UnitId, ct)).FirstOrDefault(c => c.Id == assigneeId);
        if (assignee is null) return Outcome.Refused("Diese Person arbeitet nicht für die Organisationseinheit des Vorgangs.");
        if (@case.AssigneeId == assigneeId) return Outcome.Stale($"Der Vorgang {@case.Reference} ist bereits {assignee.Name} zugewiesen.");
        @case.AssigneeId = assigneeId;
        var items = await db.InboxItems.Where(i => i.CaseId == caseId && i.State != InboxState.Erledigt).ToListAsync(ct);
        foreach (var item in items)
        {
            (item.AssigneeId, item.State) = (assigneeId, InboxState.Zugewiesen);
            item.Version++; // a preview open elsewhere sees the change instead of overwriting it
        }
        db.LogEvent("case-assigned", nameof(Case), @case.Id.ToString(), @case.UnitId, assignee.Name);
        await db.SaveChangesAsync(ct);
        var also = items.Count == 0 ? "" : items.Count == 1 ? " Sein offener Eingang ebenfalls." : $" Seine {items.Count} offenen Eingänge ebenfalls.";
        return Outcome.Done($"Der Vorgang {@case.Reference} ist {assignee.Name} zugewiesen.{also}");
    }
}

using BackOffice.Data;
using BackOffice.Features.Files;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Dashboards;

/// <summary>
/// The cases behind a number of the dashboard, paged on the database, and their reassignment. The list filters
/// through the same <see cref="DashboardView"/> and <see cref="Figure"/> as the number, within the user's scope.
/// </summary>
public static class DashboardCases
{
    public const int PageSize = 25;

    public static async Task<IReadOnlyDictionary<int, int>> JurisdictionDaysAsync(BackOfficeDb db, CancellationToken ct = default) =>
        await db.Services.AsNoTracking().Where(s => s.JurisdictionDeadlineDays != null)
            .ToDictionaryAsync(s => s.Id, s => s.JurisdictionDeadlineDays!.Value, ct);

    public static async Task<IQueryable<Case>> FilterAsync(BackOfficeDb db, DashboardView view, Figure figure, DashboardClock clock, CancellationToken ct = default) =>
        figure.Apply(view.Cases(db.Cases.AsNoTracking()), clock, await JurisdictionDaysAsync(db, ct));

    public sealed record Row(int Id, string Reference, string? Service, string ApplicantName, CaseStatus Status, DateTime ReceivedAt,
        DateTime? DueAt, string? Assignee, int UnitId, string Unit, int? JurisdictionDays)
    {
        public bool IsOverdue(DateTime now) => DueAt < now && Status < CaseStatus.Entschieden;
        /// <summary>§ 14 SGB IX: by when the jurisdiction must be decided, for services that have such a deadline.</summary>
        public DateTime? JurisdictionDue => JurisdictionDays is { } d ? ReceivedAt.AddDays(d) : null;
    }

    public sealed record Page(IReadOnlyList<Row> Rows, int Count, bool CountCapped);

    /// <summary>Oldest first: the backlog is worked from its oldest end.</summary>
    public static async Task<Page> QueryAsync(BackOfficeDb db, DashboardView view, Figure figure, DashboardClock clock, int skip, CancellationToken ct = default)
    {
        var cases = await FilterAsync(db, view, figure, clock, ct);
        // UnitId last, though Id is unique: otherwise MariaDB walks IX_Cases_ReceivedAt from the oldest case of the county
        // looking for 25 open ones (700 ms at a million cases) instead of sorting the few thousand its filter finds (8 ms).
        var rows = await cases.OrderBy(c => c.ReceivedAt).ThenBy(c => c.Id).ThenBy(c => c.UnitId).Skip(skip).Take(PageSize)
            .Select(c => new Row(c.Id, c.Reference, c.Service!.Name, c.ApplicantName, c.Status, c.ReceivedAt, c.DueAt,
                c.Assignee!.DisplayName, c.UnitId, c.Unit!.Name, c.Service!.JurisdictionDeadlineDays))
            .ToListAsync(ct);
        var count = await cases.Take(CaseList.CountCap + 1).CountAsync(ct);
        return new Page(rows, Math.Min(count, CaseList.CountCap), count > CaseList.CountCap);
    }

    /// <summary>
    /// Assigns each case through <see cref="CaseWork.AssignAsync"/> (which also moves its open inbox items) and says in
    /// one message how many moved, and which could not and why.
    /// </summary>
    public static async Task<Outcome> ReassignAsync(Func<Task<BackOfficeDb>> open, IReadOnlyCollection<int> caseIds, string? assigneeId, CancellationToken ct = default)
    {
        if (caseIds.Count == 0) return Outcome.Refused("Bitte zuerst Vorgänge auswählen.");
        if (string.IsNullOrEmpty(assigneeId)) return Outcome.Refused("Bitte wählen, wem die Vorgänge zugewiesen werden.");
        var (moved, already) = (0, 0);
        var refused = new List<string>();
        string? name = null;
        foreach (var id in caseIds)
        {
            await using var db = await open(); // one context per case: a refusal leaves the others done
            var outcome = await CaseWork.AssignAsync(db, id, assigneeId, ct);
            name ??= await db.Users.Where(u => u.Id == assigneeId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
            if (outcome.IsDone) moved++;
            else if (outcome is StaleOutcome) already++;
            else refused.Add(outcome.Message);
        }
        var parts = new List<string>();
        if (moved > 0) parts.Add(moved == 1 ? $"1 Vorgang ist {name} zugewiesen." : $"{DashboardLabels.Number(moved)} Vorgänge sind {name} zugewiesen.");
        if (already > 0) parts.Add(already == 1 ? $"1 Vorgang war bereits {name} zugewiesen." : $"{DashboardLabels.Number(already)} Vorgänge waren bereits {name} zugewiesen.");
        if (refused.Count > 0) parts.Add($"Nicht zugewiesen: {string.Join(" ", refused.Distinct())}");
        var message = string.Join(" ", parts);
        return refused.Count > 0 && moved == 0 ? Outcome.Refused(message) : Outcome.Done(message);
    }
}

using BackOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Files;

/// <summary>
/// The query behind "Meine Vorgänge": filter, sort and page on the database. The unit scope
/// comes from the context's query filter. Used by the page and by the benchmark.
/// </summary>
public static class CaseList
{
    /// <summary>Counting stops here: "mehr als 10.000" is as useful to a person as the exact number, and far cheaper.</summary>
    public const int CountCap = 10_000;

    public sealed record Filter
    {
        /// <summary>Only cases assigned to this user, when set.</summary>
        public string? AssigneeId { get; init; }
        /// <summary>Only cases nobody is assigned to.</summary>
        public bool Unassigned { get; init; }
        /// <summary>Prefix of the Aktenzeichen or of the applicant's name.</summary>
        public string? Text { get; init; }
        public CaseStatus? Status { get; init; }
        /// <summary>Open cases (<see cref="CaseStatusRules.IsOpen"/>: not decided) when true and no single status is chosen.</summary>
        public bool OpenOnly { get; init; }
        public int? ServiceId { get; init; }
        public DateTime? ReceivedFrom { get; init; }
        public DateTime? ReceivedTo { get; init; }
        public bool OverdueOnly { get; init; }
    }

    public enum SortBy { ReceivedAt, Reference, Applicant, Status, DueAt, Service }

    public sealed record Row(int Id, string Reference, string Subject, string? Service, string ApplicantName,
        CaseStatus Status, DateTime ReceivedAt, DateTime? DueAt, string? Assignee, string Unit)
    {
        public bool IsOverdue(DateTime now) => DueAt < now && Status < CaseStatus.Entschieden;
    }

    public sealed record Page(IReadOnlyList<Row> Rows, int Count, bool CountCapped);

    public static IQueryable<Case> Apply(IQueryable<Case> cases, Filter f, DateTime now)
    {
        if (f.AssigneeId is not null) cases = cases.Where(c => c.AssigneeId == f.AssigneeId);
        if (f.Unassigned) cases = cases.Where(c => c.AssigneeId == null);
        if (f.Status is { } s) cases = cases.Where(c => c.Status == s);
        // A range the (…, Status, …) indexes can seek.
        else if (f.OpenOnly) cases = cases.Where(CaseStatusRules.IsOpen);
        if (f.ServiceId is { } sid) cases = cases.Where(c => c.ServiceId == sid);
        if (f.ReceivedFrom is { } from) cases = cases.Where(c => c.ReceivedAt >= from);
        if (f.ReceivedTo is { } to) cases = cases.Where(c => c.ReceivedAt < to);
        if (f.OverdueOnly) cases = cases.Where(c => c.DueAt < now && c.Status < CaseStatus.Entschieden);
        if (!string.IsNullOrWhiteSpace(f.Text))
        {
            var t = f.Text.Trim();
            // The applicant in any spelling ("Mueller" finds "Müller"), the Aktenzeichen as typed.
            var (a, b, c) = GermanSpelling.Three(t);
            cases = cases.Where(x => x.Reference.StartsWith(t) || x.ApplicantName.StartsWith(t) || x.ApplicantName.StartsWith(a) || x.ApplicantName.StartsWith(b) || x.ApplicantName.StartsWith(c));
        }
        return cases;
    }

    public static IQueryable<Case> Sort(IQueryable<Case> cases, SortBy by, bool descending) => (by, descending) switch
    {
        (SortBy.Reference, false) => cases.OrderBy(c => c.Reference),
        (SortBy.Reference, true) => cases.OrderByDescending(c => c.Reference),
        (SortBy.Applicant, false) => cases.OrderBy(c => c.ApplicantName).ThenBy(c => c.Id),
        (SortBy.Applicant, true) => cases.OrderByDescending(c => c.ApplicantName).ThenByDescending(c => c.Id),
        (SortBy.Status, false) => cases.OrderBy(c => c.Status).ThenByDescending(c => c.ReceivedAt),
        (SortBy.Status, true) => cases.OrderByDescending(c => c.Status).ThenByDescending(c => c.ReceivedAt),
        (SortBy.DueAt, false) => cases.OrderBy(c => c.DueAt == null).ThenBy(c => c.DueAt).ThenBy(c => c.Id),
        (SortBy.DueAt, true) => cases.OrderByDescending(c => c.DueAt).ThenByDescending(c => c.Id),
        (SortBy.Service, false) => cases.OrderBy(c => c.Service!.Name).ThenByDescending(c => c.ReceivedAt),
        (SortBy.Service, true) => cases.OrderByDescending(c => c.Service!.Name).ThenByDescending(c => c.ReceivedAt),
        (_, false) => cases.OrderBy(c => c.ReceivedAt).ThenBy(c => c.Id),
        (_, true) => cases.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id),
    };

    public static async Task<Page> QueryAsync(BackOfficeDb db, Filter filter, SortBy sort, bool descending,
        int skip, int take, CancellationToken ct = default)
    {
        var now = DateTime.UtcNow;
        var filtered = Apply(db.Cases.AsNoTracking(), filter, now);
        var rows = await Sort(filtered, sort, descending).Skip(skip).Take(take)
            .Select(c => new Row(c.Id, c.Reference, c.Subject, c.Service!.Name, c.ApplicantName, c.Status,
                c.ReceivedAt, c.DueAt, c.Assignee!.DisplayName, c.Unit!.Name))
            .ToListAsync(ct);
        var count = await filtered.Take(CountCap + 1).CountAsync(ct);
        return new Page(rows, Math.Min(count, CountCap), count > CountCap);
    }
}

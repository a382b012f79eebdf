using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Files;

/// <summary>
/// A person's Wiedervorlagen, inbox items and cases together, earliest first: what is due by a moment (the start
/// page shows today's and the overdue ones). Read through the user's scope, on the (AssigneeId, ResubmitAt) indexes.
/// </summary>
public static class Resubmissions
{
    public sealed record Entry(DateTime At, string Reference, string Subject, string? Note, string Href, bool IsCase, string? Assignee);

    public const int MaxShown = 100;

    /// <summary>
    /// Entries of <paramref name="userIds"/> due from <paramref name="fromUtc"/> (null: any time before) until
    /// <paramref name="untilUtc"/>, at most <see cref="MaxShown"/>, and how many there are.
    /// </summary>
    public static async Task<(IReadOnlyList<Entry> Entries, int Total)> DueAsync(BackOfficeDb db, IReadOnlyCollection<string> userIds, DateTime? fromUtc, DateTime untilUtc, CancellationToken ct = default)
    {
        var ids = userIds.ToList();
        var from = fromUtc ?? DateTime.MinValue;
        var cases = db.Cases.AsNoTracking().Where(c => c.AssigneeId != null && ids.Contains(c.AssigneeId) && c.ResubmitAt != null && c.ResubmitAt >= from && c.ResubmitAt < untilUtc);
        var items = db.InboxItems.AsNoTracking().Where(i => i.AssigneeId != null && ids.Contains(i.AssigneeId) && i.ResubmitAt != null && i.ResubmitAt >= from && i.ResubmitAt < untilUtc && i.State != InboxState.Erledigt);
        var caseRows = await cases.OrderBy(c => c.ResubmitAt).Take(MaxShown)
            .Select(c => new Entry(c.ResubmitAt!.Value, c.Reference, c.Subject, c.ResubmitNote, "vorgaenge/" + c.Id, true, c.Assignee!.DisplayName)).ToListAsync(ct);
        var itemRows = await items.OrderBy(i => i.ResubmitAt).Take(MaxShown)
            .Select(i => new Entry(i.ResubmitAt!.Value, i.Number, i.Subject, null, "posteingang?status=alle&eingang=" + i.Number, false, i.Assignee!.DisplayName)).ToListAsync(ct);
        var total = caseRows.Count < MaxShown && itemRows.Count < MaxShown
            ? caseRows.Count + itemRows.Count
            : await cases.CountAsync(ct) + await items.CountAsync(ct);
        return ([.. caseRows.Concat(itemRows).OrderBy(e => e.At).ThenBy(e => e.Reference).Take(MaxShown)], total);
    }

    /// <summary>Due today or before: until the end of the local day.</summary>
    public static DateTime EndOfToday() => LocalDays.End(LocalDays.Today());

    /// <summary>The end of the local day <paramref name="days"/> after today.</summary>
    public static DateTime EndOfDay(int days) => LocalDays.End(LocalDays.Today().AddDays(days));
}

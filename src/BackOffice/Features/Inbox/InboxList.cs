using BackOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Inbox;

/// <summary>The inbox items of the user's units, filtered, sorted and paged on the database (scope from the context).</summary>
public static class InboxList
{
    public const int CountCap = 10_000;

    public enum StateFilter { Open, New, Assigned, Done, All }
    public enum AssigneeFilter { All, Me, Unassigned }

    public sealed record Filter
    {
        public StateFilter State { get; init; } = StateFilter.Open;
        public AssigneeFilter Assignee { get; init; }
        public string? UserId { get; init; }
        public Channel? Channel { get; init; }
        /// <summary>Prefix of the sender or of the registration number.</summary>
        public string? Text { get; init; }
        public DateTime? ReceivedFrom { get; init; }
        public DateTime? ReceivedTo { get; init; }
    }

    public sealed record Row(int Id, string Number, DateTime ReceivedAt, Channel Channel, string Subject, string Sender, string Unit,
        string? Assignee, int? CaseId, DateTime? DueAt, CaseStatus? CaseStatus, int Version);

    public sealed record Page(IReadOnlyList<Row> Rows, int Count, bool CountCapped);

    public static IQueryable<InboxItem> Apply(IQueryable<InboxItem> items, Filter f)
    {
        // "Open" as two equalities, not a range: SQLite then seeks (UnitId, State, ReceivedAt) twice
        // instead of walking the unit's whole history by date.
        items = f.State switch
        {
            StateFilter.Open => items.Where(i => i.State == InboxState.Neu || i.State == InboxState.Zugewiesen),
            StateFilter.New => items.Where(i => i.State == InboxState.Neu),
            StateFilter.Assigned => items.Where(i => i.State == InboxState.Zugewiesen),
            StateFilter.Done => items.Where(i => i.State == InboxState.Erledigt),
            _ => items,
        };
        if (f.Assignee == AssigneeFilter.Me) items = items.Where(i => i.AssigneeId == f.UserId);
        if (f.Assignee == AssigneeFilter.Unassigned) items = items.Where(i => i.AssigneeId == null);
        if (f.Channel is { } c) items = items.Where(i => i.Channel == c);
        if (f.ReceivedFrom is { } from) items = items.Where(i => i.ReceivedAt >= from);
        if (f.ReceivedTo is { } to) items = items.Where(i => i.ReceivedAt < to);
        if (!string.IsNullOrWhiteSpace(f.Text))
        {
            // One prefix search, not an OR of two: each then seeks its own index.
            var t = f.Text.Trim();
            // A range, not LIKE: EF's LIKE carries an ESCAPE clause, which keeps SQLite off the index.
            var upper = t + char.MaxValue;
            items = LooksLikeNumber(t)
                ? items.Where(i => i.Number.CompareTo(t) >= 0 && i.Number.CompareTo(upper) < 0)
                : items.Where(i => i.Sender.CompareTo(t) >= 0 && i.Sender.CompareTo(upper) < 0);
        }
        return items;
    }

    /// <summary>Registration numbers read "E-2026-0001234"; anything else is a sender's name.</summary>
    public static bool LooksLikeNumber(string text) => text.Length >= 2 && char.ToUpperInvariant(text[0]) == 'E' && text[1] == '-';

    public static async Task<Page> QueryAsync(BackOfficeDb db, Filter filter, bool oldestFirst, int skip, int take, CancellationToken ct = default)
    {
        var filtered = Apply(db.InboxItems.AsNoTracking(), filter);
        // Numbers are given in order of receipt; sorting a number search by number lets SQLite walk that index.
        var sorted = (oldestFirst, ByNumber: filter.Text is { } t && LooksLikeNumber(t.Trim())) switch
        {
            (true, true) => filtered.OrderBy(i => i.Number),
            (false, true) => filtered.OrderByDescending(i => i.Number),
            (true, false) => filtered.OrderBy(i => i.ReceivedAt).ThenBy(i => i.Id),
            (false, false) => filtered.OrderByDescending(i => i.ReceivedAt).ThenByDescending(i => i.Id),
        };
        var rows = await sorted.Skip(skip).Take(take)
            .Select(i => new Row(i.Id, i.Number, i.ReceivedAt, i.Channel, i.Subject, i.Sender, i.Unit!.Name, i.Assignee!.DisplayName, i.CaseId,
                i.Case!.DueAt, i.Case!.Status, i.Version))
            .ToListAsync(ct);
        var count = await filtered.Take(CountCap + 1).CountAsync(ct);
        return new Page(rows, Math.Min(count, CountCap), count > CountCap);
    }
}

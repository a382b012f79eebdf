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
        // "<" keeps "open" a range on the (UnitId, State, ReceivedAt) index; Erledigt is the last state.
        items = f.State switch
        {
            StateFilter.Open => items.Where(i => i.State < InboxState.Erledigt),
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
            var t = f.Text.Trim();
            items = items.Where(i => i.Sender.StartsWith(t) || i.Number.StartsWith(t));
        }
        return items;
    }

    public static async Task<Page> QueryAsync(BackOfficeDb db, Filter filter, bool oldestFirst, int skip, int take, CancellationToken ct = default)
    {
        var filtered = Apply(db.InboxItems.AsNoTracking(), filter);
        var sorted = oldestFirst ? filtered.OrderBy(i => i.ReceivedAt).ThenBy(i => i.Id) : filtered.OrderByDescending(i => i.ReceivedAt).ThenByDescending(i => i.Id);
        var rows = await sorted.Skip(skip).Take(take)
            .Select(i => new Row(i.Id, i.Number, i.ReceivedAt, i.Channel, i.Subject, i.Sender, i.Unit!.Name, i.Assignee!.DisplayName, i.CaseId,
                i.Case!.DueAt, i.Case!.Status, i.Version))
            .ToListAsync(ct);
        var count = await filtered.Take(CountCap + 1).CountAsync(ct);
        return new Page(rows, Math.Min(count, CountCap), count > CountCap);
    }

    public static Task<Page> OpenItemsAsync(BackOfficeDb db, int skip, int take, CancellationToken ct = default) =>
        QueryAsync(db, new Filter(), oldestFirst: false, skip, take, ct);
}

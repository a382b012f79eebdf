using BackOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Inbox;

/// <summary>The open items of the user's units, newest first, paged on the database (scope from the context).</summary>
public static class InboxList
{
    public sealed record Row(int Id, string Number, DateTime ReceivedAt, Channel Channel, string Subject, string Sender, string Unit,
        string? Assignee, int? CaseId, DateTime? DueAt);

    public sealed record Page(IReadOnlyList<Row> Rows, int Count, bool CountCapped);

    public const int CountCap = 10_000;

    public static async Task<Page> OpenItemsAsync(BackOfficeDb db, int skip, int take, CancellationToken ct = default)
    {
        // "<" keeps it a range on the (UnitId, State, ReceivedAt) index; Erledigt is the last state.
        var open = db.InboxItems.AsNoTracking().Where(i => i.State < InboxState.Erledigt);
        var rows = await open.OrderByDescending(i => i.ReceivedAt).ThenByDescending(i => i.Id).Skip(skip).Take(take)
            .Select(i => new Row(i.Id, i.Number, i.ReceivedAt, i.Channel, i.Subject, i.Sender, i.Unit!.Name, i.Assignee!.DisplayName, i.CaseId, i.Case!.DueAt))
            .ToListAsync(ct);
        var count = await open.Take(CountCap + 1).CountAsync(ct);
        return new Page(rows, Math.Min(count, CountCap), count > CountCap);
    }
}

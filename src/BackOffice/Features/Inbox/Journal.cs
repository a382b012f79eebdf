using BackOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Inbox;

/// <summary>
/// The journal (Posteingangsbuch) of the units a user works for: every item they registered, wherever it is now,
/// read-only. After forwarding, the mail room no longer sees an item in its Posteingang, but it can still tell
/// a caller where the letter went. Only what the registering unit saw itself: no documents, no case.
/// </summary>
public static class Journal
{
    public sealed record Row(string Number, DateTime ReceivedAt, Channel Channel, string Subject, string Sender, string NowAt, bool Forwarded, InboxState State);

    public sealed record Page(IReadOnlyList<Row> Rows, int Count, bool CountCapped);

    public static async Task<Page> QueryAsync(BackOfficeDb db, int skip, int take, CancellationToken ct = default)
    {
        var units = db.Scope.UnitIds;
        // The scope filter is lifted on purpose, and replaced by the registering unit: the item may now belong to another unit.
        var items = db.InboxItems.IgnoreQueryFilters().AsNoTracking()
            .Where(i => i.RegisteredUnitId != null && units.Contains(i.RegisteredUnitId.Value));
        var rows = await items.OrderByDescending(i => i.ReceivedAt).ThenByDescending(i => i.Id).Skip(skip).Take(take)
            .Select(i => new Row(i.Number, i.ReceivedAt, i.Channel, i.Subject, i.Sender, i.Unit!.Name, i.UnitId != i.RegisteredUnitId, i.State))
            .ToListAsync(ct);
        var count = await items.Take(InboxList.CountCap + 1).CountAsync(ct);
        return new Page(rows, Math.Min(count, InboxList.CountCap), count > InboxList.CountCap);
    }
}

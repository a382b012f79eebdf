using System.Globalization;
using System.Text;
using BackOffice.Data;
using BackOffice.Features.Files;
using BackOffice.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
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

    /// <summary>
    /// What the journal is narrowed to, kept in the address: words found in the number (its beginning), the subject or
    /// the sender; received from and to a day (local days, both included); the page.
    /// </summary>
    public sealed record Filter(string? Text = null, DateOnly? From = null, DateOnly? To = null, int Page = 1)
    {
        public const string Path = "posteingang/journal";

        public static Filter Parse(string uri)
        {
            var query = QueryHelpers.ParseQuery(new Uri(uri).Query);
            string? Get(string name) => query.TryGetValue(name, out var v) && v.ToString() is { Length: > 0 } s ? s : null;
            DateOnly? Day(string name) => DateOnly.TryParseExact(Get(name), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year >= 1900 ? d : null;
            // The search field takes 200 characters; a longer text in the address is cut there, not dropped.
            return new(PlainText.Clean(Get("suche")) is { Length: > 0 } text ? text[..Math.Min(text.Length, 200)] : null, Day("von"), Day("bis"),
                int.TryParse(Get("seite"), NumberStyles.None, CultureInfo.InvariantCulture, out var page) ? Math.Clamp(page, 1, 100_000) : 1);
        }

        public string Query() => AddressQuery.Join(("suche", Text), ("von", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("bis", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("seite", Page > 1 ? Page.ToString(CultureInfo.InvariantCulture) : null));

        public string ToUri() => Query() is { Length: > 0 } q ? $"{Path}?{q}" : Path;
    }

    private static IQueryable<InboxItem> Items(BackOfficeDb db, Filter filter)
    {
        var units = db.Scope.UnitIds;
        // The scope filter is lifted on purpose, and replaced by the registering unit: the item may now belong to another unit.
        var items = db.InboxItems.IgnoreQueryFilters().AsNoTracking()
            .Where(i => i.RegisteredUnitId != null && units.Contains(i.RegisteredUnitId.Value));
        var (from, to) = LocalDays.Range(filter.From?.ToDateTime(TimeOnly.MinValue), filter.To?.ToDateTime(TimeOnly.MinValue));
        if (from is { } f) items = items.Where(i => i.ReceivedAt >= f);
        if (to is { } t) items = items.Where(i => i.ReceivedAt < t);
        foreach (var word in (filter.Text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(5))
        {
            // In any spelling: "Mueller" finds "Müller" (GermanSpelling).
            var (a, b, c) = GermanSpelling.Three(word);
            var (pa, pb, pc) = ($"%{Like(a)}%", $"%{Like(b)}%", $"%{Like(c)}%");
            items = items.Where(i => EF.Functions.Like(i.Number, Like(word) + "%", "\\")
                || EF.Functions.Like(i.Subject, pa, "\\") || EF.Functions.Like(i.Sender, pa, "\\")
                || EF.Functions.Like(i.Subject, pb, "\\") || EF.Functions.Like(i.Sender, pb, "\\")
                || EF.Functions.Like(i.Subject, pc, "\\") || EF.Functions.Like(i.Sender, pc, "\\"));
        }
        return items;
    }

    private static string Like(string word) => word.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    public static async Task<Page> QueryAsync(BackOfficeDb db, Filter filter, int pageSize, CancellationToken ct = default)
    {
        var items = Items(db, filter);
        var rows = await Rows(items).Skip((filter.Page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var count = await items.Take(InboxList.CountCap + 1).CountAsync(ct);
        return new Page(rows, Math.Min(count, InboxList.CountCap), count > InboxList.CountCap);
    }

    private static IQueryable<Row> Rows(IQueryable<InboxItem> items) =>
        items.OrderByDescending(i => i.ReceivedAt).ThenByDescending(i => i.Id)
            .Select(i => new Row(i.Number, i.ReceivedAt, i.Channel, i.Subject, i.Sender, i.Unit!.Name, i.UnitId != i.RegisteredUnitId, i.State));

    /// <summary>The filtered journal as CSV for Excel (UTF-8 with BOM, semicolons), streamed row by row; returns the rows written.</summary>
    public static async Task<int> CsvAsync(BackOfficeDb db, Filter filter, Stream stream, CancellationToken ct = default)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(true), leaveOpen: true);
        await writer.WriteLineAsync("Eingangsnummer;Eingang;Kanal;Betreff;Absender;Jetzt bei;Status");
        var count = 0;
        await foreach (var r in Rows(Items(db, filter)).AsAsyncEnumerable().WithCancellation(ct))
        {
            string[] fields = [r.Number, Labels.DateTime(r.ReceivedAt), Labels.Of(r.Channel), r.Subject, r.Sender, r.NowAt + (r.Forwarded ? " (weitergeleitet)" : ""), Labels.Of(r.State)];
            await writer.WriteLineAsync(string.Join(";", fields.Select(CsvText.Field)));
            count++;
        }
        return count;
    }
}

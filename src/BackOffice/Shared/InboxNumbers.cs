using BackOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Shared;

/// <summary>
/// Registration numbers "E-2026-0001234": per year, in order of registration. Shared: the portal intake and uploads
/// take them, the Posteingang and the header search find items by them.
/// </summary>
public static class InboxNumbers
{
    /// <summary>The next free number of the year; call inside the transaction that inserts it.</summary>
    public static async Task<int> NextAsync(BackOfficeDb db, DateTime now)
    {
        await WriterLock.TakeAsync(db);
        var prefix = Prefix(now);
        var ofYear = StartingWith(db, db.InboxItems.IgnoreQueryFilters(), prefix);
        var last = await ofYear.OrderByDescending(i => i.Number).Select(i => i.Number).FirstOrDefaultAsync();
        return (last is null ? 0 : int.Parse(last[prefix.Length..])) + 1;
    }

    /// <summary>Items whose number begins with <paramref name="prefix"/>, as a range on the number's index on both engines.</summary>
    public static IQueryable<InboxItem> StartingWith(BackOfficeDb db, IQueryable<InboxItem> items, string prefix)
    {
        // SQLite: a range, not LIKE (EF's LIKE carries an ESCAPE clause, which keeps SQLite off the index).
        // MariaDB: its German collation does not sort U+FFFF last, and StartsWith becomes LEFT(Number, n) = …, which
        // skips the index; a LIKE with the pattern as one value uses it.
        if (db.Database.IsSqlite())
        {
            var upper = prefix + char.MaxValue;
            return items.Where(i => i.Number.CompareTo(prefix) >= 0 && i.Number.CompareTo(upper) < 0);
        }
        var pattern = prefix.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
        return items.Where(i => EF.Functions.Like(i.Number, pattern, "\\"));
    }

    /// <summary>Whether a search text is (the start of) a registration number rather than words.</summary>
    public static bool LooksLikeNumber(string text) => text.Length >= 2 && char.ToUpperInvariant(text[0]) == 'E' && text[1] == '-' && (text.Length == 2 || char.IsDigit(text[2]));

    public static string Prefix(DateTime now) => $"E-{now.Year}-";

    public static string Format(DateTime now, int number) => $"{Prefix(now)}{number:D7}";
}

using BackOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Inbox;

/// <summary>Registration numbers "E-2026-0001234": per year, in order of registration.</summary>
public static class InboxNumbers
{
    /// <summary>The next free number of the year; call inside the transaction that inserts it.</summary>
    public static async Task<int> NextAsync(BackOfficeDb db, DateTime now)
    {
        await WriterLock.TakeAsync(db);
        var prefix = Prefix(now);
        var ofYear = db.InboxItems.IgnoreQueryFilters();
        // A range on SQLite (its LIKE would not use the index); LIKE on MariaDB, whose German collation sorts "~" before digits.
        ofYear = db.Database.IsSqlite()
            ? ofYear.Where(i => i.Number.CompareTo(prefix) > 0 && i.Number.CompareTo(prefix + "~") < 0)
            : ofYear.Where(i => EF.Functions.Like(i.Number, prefix + "%")); // one pattern value: a range on the index
        var last = await ofYear.OrderByDescending(i => i.Number).Select(i => i.Number).FirstOrDefaultAsync();
        return (last is null ? 0 : int.Parse(last[prefix.Length..])) + 1;
    }

    public static string Prefix(DateTime now) => $"E-{now.Year}-";

    public static string Format(DateTime now, int number) => $"{Prefix(now)}{number:D7}";
}

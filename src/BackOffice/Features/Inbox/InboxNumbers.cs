using BackOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Inbox;

/// <summary>Registration numbers "E-2026-0001234": per year, in order of registration.</summary>
public static class InboxNumbers
{
    /// <summary>The next free number of the year; call inside the (IMMEDIATE) transaction that inserts it.</summary>
    public static async Task<int> NextAsync(BackOfficeDb db, DateTime now)
    {
        var prefix = Prefix(now);
        var last = await db.InboxItems.IgnoreQueryFilters().Where(i => i.Number.CompareTo(prefix) > 0 && i.Number.CompareTo(prefix + "~") < 0)
            .OrderByDescending(i => i.Number).Select(i => i.Number).FirstOrDefaultAsync();
        return (last is null ? 0 : int.Parse(last[prefix.Length..])) + 1;
    }

    public static string Prefix(DateTime now) => $"E-{now.Year}-";

    public static string Format(DateTime now, int number) => $"{Prefix(now)}{number:D7}";
}

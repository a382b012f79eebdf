namespace BackOffice.Infrastructure;

/// <summary>
/// Days as the county lives them (Europe/Berlin), turned into UTC ranges for the database. Every "from"/"to" date
/// filter uses this, so that a day is the same everywhere, also on the days the clocks change (23 or 25 hours).
/// </summary>
public static class LocalDays
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>Today as the county lives it.</summary>
    public static DateOnly Today() => DayOf(DateTime.UtcNow);

    /// <summary>The county's day of a moment stored in UTC.</summary>
    public static DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Berlin));

    /// <summary>The Monday of the day's week (weeks run Monday to Sunday, as in the ISO calendar).</summary>
    public static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>Local midnight at the start of the day, in UTC.</summary>
    public static DateTime Start(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Berlin);

    public static DateTime Start(DateTime picked) => Start(DateOnly.FromDateTime(picked));

    /// <summary>The exclusive end of the day: local midnight of the next day, in UTC.</summary>
    public static DateTime End(DateOnly day) => Start(day.AddDays(1));

    public static DateTime End(DateTime picked) => End(DateOnly.FromDateTime(picked));

    /// <summary>
    /// A picked from/to range (both inclusive days) as [from, to) in UTC. A "to" on the calendar's last day has no day
    /// after it: it bounds nothing (31.12.9999 in an address made the next day overflow).
    /// </summary>
    public static (DateTime? From, DateTime? To) Range(DateTime? from, DateTime? to) =>
        (from is { } f ? Start(f) : null, to is { } t && DateOnly.FromDateTime(t) < DateOnly.MaxValue ? End(t) : null);
}

using BackOffice.Infrastructure;

namespace BackOffice.Features.Dashboards;

/// <summary>
/// The moments a dashboard counts from, all as the county lives them (Europe/Berlin, weeks Monday to Sunday): now, today,
/// this week, the period's weeks and the trend's weeks. Day-based bounds keep a figure and the list behind it equal all
/// day; only deadlines compare with the moment itself.
/// </summary>
public sealed record DashboardClock(DateTime Now, int Weeks)
{
    /// <summary>Complete weeks the forecast learns the trend from.</summary>
    public const int TrendWeeks = 8;

    public DateOnly Today { get; } = LocalDays.DayOf(Now);
    public DateOnly ThisMonday => LocalDays.Monday(Today);
    /// <summary>
    /// The end of "due in the next 7 days": the rest of today and the seven days after it. (Counting to Sunday said
    /// 0 on a Sunday although deadlines fell on the next days.)
    /// </summary>
    public DateTime DueSoonEnd => LocalDays.Start(Today.AddDays(8));
    public DateOnly FirstMonday => ThisMonday.AddDays(-7 * (Weeks - 1));
    public DateTime PeriodStart => LocalDays.Start(FirstMonday);
    /// <summary>"Completed in the last 30 days": today and the 29 days before.</summary>
    public DateOnly Last30From => Today.AddDays(-29);
    public DateOnly TrendFrom => ThisMonday.AddDays(-7 * TrendWeeks);
    public IReadOnlyList<DateOnly> TrendMondays => Enumerable.Range(0, TrendWeeks).Select(i => TrendFrom.AddDays(7 * i)).ToList();

    /// <summary>The period's weeks, oldest first; the last one is this week, up to now.</summary>
    public IReadOnlyList<DateOnly> Mondays => Enumerable.Range(0, Weeks).Select(i => FirstMonday.AddDays(7 * i)).ToList();
}

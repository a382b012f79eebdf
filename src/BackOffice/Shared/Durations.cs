namespace BackOffice.Shared;

/// <summary>
/// How long cases took: how many, the median and the 90th percentile (nearest rank). One rule for the dashboards and
/// the statistics, so that both show the same figure for the same cases.
/// </summary>
public sealed record Durations(int Count, TimeSpan? Median, TimeSpan? P90)
{
    /// <summary>Median and 90th percentile of whole hours counted as (hours, how many cases).</summary>
    public static Durations FromHistogram(IEnumerable<(int Hours, int Count)> histogram)
    {
        var sorted = histogram.OrderBy(h => h.Hours).ToList();
        var n = sorted.Sum(h => h.Count);
        TimeSpan? At(double p)
        {
            var rank = Math.Max(1, (int)Math.Ceiling(p * n));
            foreach (var (hours, count) in sorted)
                if ((rank -= count) <= 0) return TimeSpan.FromHours(hours);
            return null;
        }
        return n == 0 ? new Durations(0, null, null) : new Durations(n, At(0.5), At(0.9));
    }

    /// <summary>The value at rank ceil(p·n) of n sorted values (1-based).</summary>
    public static T NearestRank<T>(IReadOnlyList<T> sorted, double p) => sorted[Math.Max(1, (int)Math.Ceiling(p * sorted.Count)) - 1];
}

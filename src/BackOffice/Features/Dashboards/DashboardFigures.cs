using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Dashboards;

/// <summary>
/// Everything the dashboard shows for one <see cref="DashboardView"/>, computed from three reads of cases (the open
/// ones, read whole; those received and those completed, counted per week on the database) and one count of inbox
/// items. The weekly counts walk indexes that carry the grouped columns (IX_Cases_UnitId_ReceivedAt,
/// IX_Cases_UnitId_DecidedAt); processing times come as a histogram of whole hours (Case.ProcessingHours), so that a
/// year at a million cases is a few thousand rows, not hundreds of thousands. "Open" means not yet decided; "completed" means decided
/// (or closed without a decision). Percentiles are nearest-rank: the smallest value that p of all values do not exceed.
/// </summary>
public static class DashboardFigures
{
    public sealed record Week(DateOnly Monday, int Incoming, int Completed)
    {
        public DateOnly Sunday => Monday.AddDays(6);
        public string Label => $"KW {System.Globalization.ISOWeek.GetWeekOfYear(Monday.ToDateTime(TimeOnly.MinValue))}";
    }

    public sealed record AgeGroup(int From, int? To, int Count)
    {
        public string Label => Figure.AgeLabel(From, To);
    }

    /// <summary>Median and 90th percentile of a duration over <see cref="Count"/> cases; null without cases.</summary>
    public sealed record Durations(int Count, TimeSpan? Median, TimeSpan? P90);

    public sealed record ServiceDeadlines(int ServiceId, string Service, int? JurisdictionDays, int? DecisionDays, int Open,
        int JurisdictionDueThisWeek, int JurisdictionOverdue, int DecisionDueThisWeek, int DecisionOverdue);

    public sealed record Share(int Online, int All)
    {
        public double? Percent => All == 0 ? null : 100.0 * Online / All;
    }

    /// <summary>A stretch of the period for the online share: one week, or several when the period is long.</summary>
    public sealed record Stretch(DateOnly From, DateOnly To, string Label);

    public sealed record ServiceShare(int? ServiceId, string Service, IReadOnlyList<Share> Stretches, Share Total);

    public sealed record ClerkLoad(string Clerk, string Name, int Open, int Completed30, int Overdue);

    public sealed record UnitLoad(UnitNode Unit, int OpenItems, int OpenCases, int Overdue, int Incoming, int Completed);

    public sealed record ForecastWeek(DateOnly Sunday, int Expected, int Low, int High);

    /// <summary>The backlog ahead from the trend's weekly net change (incoming minus completed), with an 80 % band.</summary>
    public sealed record Forecast(int Backlog, double MeanChange, double SpreadChange, IReadOnlyList<Week> Trend, IReadOnlyList<ForecastWeek> Ahead);

    public sealed record Result(DashboardClock Clock, int OpenItems, int OpenCases, int Overdue, int DueThisWeek,
        IReadOnlyList<Week> Weeks, IReadOnlyList<AgeGroup> Ages, Durations Processing, Durations Waiting,
        IReadOnlyList<ServiceDeadlines> Deadlines, IReadOnlyList<Stretch> Stretches, IReadOnlyList<ServiceShare> OnlineShare,
        IReadOnlyList<ClerkLoad> Clerks, IReadOnlyList<UnitLoad> Units, Forecast Forecast, int Completed30);

    private sealed record OpenRow(int UnitId, string? AssigneeId, int? ServiceId, CaseStatus Status, DateTime ReceivedAt, DateTime? DueAt,
        DateTime StatusChangedAt, DateTime? LastDocument, DateTime? LastNote)
    {
        public DateTime LastActivity => new[] { StatusChangedAt, LastDocument ?? StatusChangedAt, LastNote ?? StatusChangedAt }.Max();
    }

    /// <summary>Cases received in a week, counted on the database by unit, service and channel.</summary>
    private sealed record InGroup(int UnitId, int? ServiceId, Channel Channel, int Count);

    /// <summary>Cases completed in a week, counted on the database by unit and clerk.</summary>
    private sealed record DoneGroup(int UnitId, string? AssigneeId, int Count);

    /// <summary>Weeks ahead the forecast looks; z of the 80 % band of a normal distribution.</summary>
    public const int ForecastWeeks = 4;
    private const double Z80 = 1.2816;

    public static async Task<Result> ComputeAsync(BackOfficeDb db, DashboardView view, DateTime now, CancellationToken ct = default)
    {
        var clock = new DashboardClock(now, view.Selection.Weeks);
        var cases = view.Cases(db.Cases.AsNoTracking());

        var open = await cases.Where(c => c.Status < CaseStatus.Entschieden)
            .Select(c => new OpenRow(c.UnitId, c.AssigneeId, c.ServiceId, c.Status, c.ReceivedAt, c.DueAt, c.StatusChangedAt,
                db.Documents.Where(d => d.CaseId == c.Id).Max(d => (DateTime?)d.CreatedAt),
                db.CaseNotes.Where(n => n.CaseId == c.Id).Max(n => (DateTime?)n.CreatedAt)))
            .ToListAsync(ct);
        // Week by week, counted on the database: each a range of an index that carries the grouped columns.
        var incoming = new Dictionary<DateOnly, List<InGroup>>();
        var done = new Dictionary<DateOnly, List<DoneGroup>>();
        foreach (var monday in clock.Mondays.Union(clock.TrendMondays).Order())
        {
            var (from, to) = (LocalDays.Start(monday), LocalDays.Start(monday.AddDays(7)));
            incoming[monday] = await cases.Where(c => c.ReceivedAt >= from && c.ReceivedAt < to)
                .GroupBy(c => new { c.UnitId, c.ServiceId, c.Channel })
                .Select(g => new InGroup(g.Key.UnitId, g.Key.ServiceId, g.Key.Channel, g.Count())).ToListAsync(ct);
            done[monday] = await cases.Where(c => c.DecidedAt >= from && c.DecidedAt < to)
                .GroupBy(c => new { c.UnitId, c.AssigneeId })
                .Select(g => new DoneGroup(g.Key.UnitId, g.Key.AssigneeId, g.Count())).ToListAsync(ct);
        }
        var periodStart = clock.PeriodStart;
        var last30 = LocalDays.Start(clock.Last30From);
        var done30 = await cases.Where(c => c.DecidedAt >= last30).GroupBy(c => c.AssigneeId)
            .Select(g => new { Clerk = g.Key, Count = g.Count() }).ToListAsync(ct);
        var hours = await cases.Where(c => c.DecidedAt >= periodStart && c.ProcessingHours != null).GroupBy(c => c.ProcessingHours!.Value)
            .Select(g => new { Hours = g.Key, Count = g.Count() }).ToListAsync(ct);
        var itemsByUnit = await view.Items(db.InboxItems.AsNoTracking()).Where(i => i.State != InboxState.Erledigt)
            .GroupBy(i => i.UnitId).Select(g => new { Unit = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Unit, x => x.Count, ct);
        var services = await db.Services.AsNoTracking()
            .Select(s => new { s.Id, s.Name, s.JurisdictionDeadlineDays, s.DecisionDeadlineDays }).ToDictionaryAsync(s => s.Id, ct);

        Week WeekOf(DateOnly monday) => new(monday, incoming[monday].Sum(g => g.Count), done[monday].Sum(g => g.Count));
        var periodIn = clock.Mondays.SelectMany(m => incoming[m]).ToList();
        var periodDone = clock.Mondays.SelectMany(m => done[m]).ToList();

        var weeks = clock.Mondays.Select(WeekOf).ToList();
        var ages = Figure.AgeBuckets.Select(b =>
        {
            var (older, newer) = Figure.AgeBounds(clock.Today, b.From, b.To);
            return new AgeGroup(b.From, b.To, open.Count(r => r.ReceivedAt < newer && (older is null || r.ReceivedAt >= older)));
        }).ToList();

        var processing = FromHistogram(hours.Select(h => (h.Hours, h.Count)));
        var waiting = Percentiles(open.Select(r => now - r.LastActivity));

        var weekEnd = clock.WeekEnd;
        bool Overdue(OpenRow r) => r.DueAt < now;
        bool DueThisWeek(OpenRow r) => r.DueAt >= now && r.DueAt < weekEnd;
        var deadlines = open.Where(r => r.ServiceId is not null).GroupBy(r => r.ServiceId!.Value).Select(g =>
        {
            var s = services[g.Key];
            var days = s.JurisdictionDeadlineDays;
            var waitingForJurisdiction = days is { } d ? g.Where(r => r.Status == CaseStatus.Eingegangen).ToList() : [];
            var d0 = days ?? 0;
            return new ServiceDeadlines(s.Id, s.Name, days, s.DecisionDeadlineDays, g.Count(),
                waitingForJurisdiction.Count(r => r.ReceivedAt < weekEnd.AddDays(-d0) && r.ReceivedAt >= now.AddDays(-d0)),
                waitingForJurisdiction.Count(r => r.ReceivedAt < now.AddDays(-d0)),
                g.Count(DueThisWeek), g.Count(Overdue));
        }).OrderBy(x => x.Service, StringComparer.Create(Files.Labels.German, true)).ToList();

        // The online share: the period in at most 13 stretches, so that a year reads as months rather than 52 columns.
        var perStretch = (clock.Weeks + 12) / 13;
        var stretches = clock.Mondays.Chunk(perStretch).Select(m => new Stretch(m[0], m[^1].AddDays(6),
            m.Length == 1 ? $"KW {System.Globalization.ISOWeek.GetWeekOfYear(m[0].ToDateTime(TimeOnly.MinValue))}" : $"{m[0]:dd.MM.}–{m[^1].AddDays(6):dd.MM.}")).ToList();
        ServiceShare ShareOf(int? serviceId, string name, Func<InGroup, bool> match)
        {
            var parts = stretches.Select(st =>
            {
                var these = clock.Mondays.Where(m => m >= st.From && m <= st.To).SelectMany(m => incoming[m]).Where(match).ToList();
                return new Share(these.Where(g => g.Channel == Channel.Portal).Sum(g => g.Count), these.Sum(g => g.Count));
            }).ToList();
            var all = periodIn.Where(match).ToList();
            return new ServiceShare(serviceId, name, parts, new Share(all.Where(g => g.Channel == Channel.Portal).Sum(g => g.Count), all.Sum(g => g.Count)));
        }
        var shares = periodIn.Where(g => g.ServiceId is not null).Select(g => g.ServiceId!.Value).Distinct()
            .Select(id => ShareOf(id, services[id].Name, g => g.ServiceId == id)).OrderByDescending(s => s.Total.All).ThenBy(s => s.Service).ToList();
        if (view.Selection.ServiceId is null) shares.Add(ShareOf(null, "alle Leistungen", _ => true));

        var clerkIds = view.Selection.Clerk is { } only ? [only] : await ClerksOfAsync(db, view.UnitIds, ct);
        clerkIds = [.. clerkIds.Union(open.Select(r => r.AssigneeId).Concat(done30.Select(r => r.Clerk))
            .Where(a => a is not null && (view.Selection.Clerk is null || a == view.Selection.Clerk)).Select(a => a!))];
        var names = await db.Users.AsNoTracking().Where(u => clerkIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        ClerkLoad LoadOf(string clerk, string name, string? assignee) => new(clerk, name,
            open.Count(r => r.AssigneeId == assignee), done30.Where(r => r.Clerk == assignee).Sum(r => r.Count),
            open.Count(r => r.AssigneeId == assignee && Overdue(r)));
        var clerks = clerkIds.Where(names.ContainsKey).Select(id => LoadOf(id, names[id], id))
            .OrderBy(c => c.Name, StringComparer.Create(Files.Labels.German, true)).ToList();
        if (view.Selection.Clerk is null or DashboardSelection.Nobody && (open.Count > 0 || done30.Count > 0))
            clerks.Add(LoadOf(DashboardSelection.Nobody, "nicht zugewiesen", null));

        var units = view.Children.Select(child =>
        {
            var ids = child.UnitIds.ToHashSet();
            return new UnitLoad(child.Unit, ids.Sum(id => itemsByUnit.GetValueOrDefault(id)),
                open.Count(r => ids.Contains(r.UnitId)), open.Count(r => ids.Contains(r.UnitId) && Overdue(r)),
                periodIn.Where(g => ids.Contains(g.UnitId)).Sum(g => g.Count), periodDone.Where(g => ids.Contains(g.UnitId)).Sum(g => g.Count));
        }).ToList();

        var trend = clock.TrendMondays.Select(WeekOf).ToList();
        return new Result(clock, itemsByUnit.Values.Sum(), open.Count, open.Count(Overdue), open.Count(DueThisWeek), weeks, ages,
            processing, waiting, deadlines, stretches, shares, clerks, units, ForecastFrom(open.Count, trend, clock.ThisMonday),
            done30.Sum(r => r.Count));
    }

    /// <summary>Clerks of the units: who works there with the role Sachbearbeitung, account on.</summary>
    private static async Task<List<string>> ClerksOfAsync(BackOfficeDb db, IReadOnlyList<int> unitIds, CancellationToken ct) =>
        await db.UserUnits.AsNoTracking().Where(u => unitIds.Contains(u.OrgUnitId))
            .Join(db.Users, u => u.UserId, x => x.Id, (u, x) => x).Where(x => x.Role == Roles.Clerk && !x.Disabled)
            .Select(x => x.Id).Distinct().ToListAsync(ct);

    private static int CountBetween(DateTime[] sorted, DateTime from, DateTime to) => LowerBound(sorted, to) - LowerBound(sorted, from);

    private static int LowerBound(DateTime[] sorted, DateTime value)
    {
        var i = Array.BinarySearch(sorted, value);
        if (i < 0) return ~i;
        while (i > 0 && sorted[i - 1] == value) i--; // the first of equal moments
        return i;
    }

    public static Durations Percentiles(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? new Durations(0, null, null) : new Durations(sorted.Length, NearestRank(sorted, 0.5), NearestRank(sorted, 0.9));
    }

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

    /// <summary>
    /// The backlog in 1 to <see cref="ForecastWeeks"/> weeks: today's backlog plus the trend's mean weekly net change per
    /// week, and a band of ±1.28 standard deviations of the weekly change times √weeks (80 %, as for a random walk).
    /// Never below zero.
    /// </summary>
    public static Forecast ForecastFrom(int backlog, IReadOnlyList<Week> trend, DateOnly thisMonday)
    {
        var changes = trend.Select(w => (double)(w.Incoming - w.Completed)).ToList();
        var mean = changes.Count == 0 ? 0 : changes.Average();
        var spread = changes.Count < 2 ? 0 : Math.Sqrt(changes.Sum(x => (x - mean) * (x - mean)) / (changes.Count - 1));
        var ahead = Enumerable.Range(1, ForecastWeeks).Select(h =>
        {
            var expected = backlog + h * mean;
            var band = Z80 * spread * Math.Sqrt(h);
            return new ForecastWeek(thisMonday.AddDays(7 * h + 6), Clamp(expected), Clamp(expected - band), Clamp(expected + band));
        }).ToList();
        return new Forecast(backlog, mean, spread, trend, ahead);
    }

    private static int Clamp(double x) => (int)Math.Round(Math.Max(0, x), MidpointRounding.AwayFromZero);
}

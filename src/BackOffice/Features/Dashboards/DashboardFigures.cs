using System.Linq.Expressions;
using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Dashboards;

/// <summary>
/// Everything the dashboard shows for one <see cref="DashboardView"/>, computed from three reads of cases (the open
/// ones, read whole; those received and those completed, counted by week on the database) and one count of inbox
/// items. The counts by week walk indexes that carry the grouped columns (IX_Cases_UnitId_ReceivedAt,
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

    public sealed record ServiceDeadlines(int ServiceId, string Service, int? JurisdictionDays, int? DecisionDays, int Open,
        int JurisdictionDueSoon, int JurisdictionOverdue, int DecisionDueSoon, int DecisionOverdue);

    public sealed record Share(int Online, int All)
    {
        public double? Percent => All == 0 ? null : 100.0 * Online / All;
    }

    /// <summary>A stretch of the period for the online share: one week, or several when the period is long.</summary>
    public sealed record Stretch(DateOnly From, DateOnly To, string Label);

    public sealed record ServiceShare(int? ServiceId, string Service, IReadOnlyList<Share> Stretches, Share Total);

    public sealed record ClerkLoad(string Clerk, string Name, int Open, int Completed30, int Overdue);

    public sealed record UnitLoad(UnitNode Unit, int OpenItems, int OpenCases, int Overdue, int Incoming, int Completed);

    public sealed record ForecastWeek(DateOnly Day, int Expected, int Low, int High);

    /// <summary>The backlog ahead from the trend's weekly net change (incoming minus completed), with an 80 % band.</summary>
    public sealed record Forecast(int Backlog, double MeanChange, double SpreadChange, IReadOnlyList<Week> Trend, IReadOnlyList<ForecastWeek> Ahead);

    public sealed record Result(DashboardClock Clock, int OpenItems, int OpenCases, int Overdue, int DueSoon,
        IReadOnlyList<Week> Weeks, IReadOnlyList<AgeGroup> Ages, Durations Processing, Durations Waiting,
        IReadOnlyList<ServiceDeadlines> Deadlines, IReadOnlyList<Stretch> Stretches, IReadOnlyList<ServiceShare> OnlineShare,
        IReadOnlyList<ClerkLoad> Clerks, IReadOnlyList<UnitLoad> Units, Forecast Forecast, int Completed30);

    private sealed record OpenRow(int UnitId, string? AssigneeId, int? ServiceId, CaseStatus Status, DateTime ReceivedAt, DateTime? DueAt,
        DateTime StatusChangedAt, DateTime? LastDocument, DateTime? LastNote)
    {
        public DateTime LastActivity => new[] { StatusChangedAt, LastDocument ?? StatusChangedAt, LastNote ?? StatusChangedAt }.Max();
    }

    /// <summary>Cases received in a week, counted on the database by unit, service and channel.</summary>
    private sealed record InGroup(int Week, int UnitId, int? ServiceId, Channel Channel, int Count);

    /// <summary>Cases completed in a week, counted on the database by unit and clerk.</summary>
    private sealed record ClerkCount(string? Clerk, int Count);

    private sealed record HourCount(int Hours, int Count);

    private sealed record ServiceRow(int Id, string Name, int? JurisdictionDeadlineDays, int? DecisionDeadlineDays);

    private sealed record DoneGroup(int Week, int UnitId, string? AssigneeId, int Count);

    /// <summary>A case with the number of its week (0 = the first of the weeks' starts), as the database computes it.</summary>
    private sealed class Weekly
    {
        public int Week { get; init; }
        public int UnitId { get; init; }
        public int? ServiceId { get; init; }
        public Channel Channel { get; init; }
        public string? AssigneeId { get; init; }
    }

    /// <summary>
    /// c => new Weekly { Week = CASE WHEN moment &lt; start[k] THEN … END, UnitId = …, … }: a balanced tree of comparisons,
    /// so that a year of weeks costs six comparisons per case, on either engine.
    /// </summary>
    private static Expression<Func<Case, Weekly>> ByWeek(Expression<Func<Case, DateTime>> moment, IReadOnlyList<DateTime> starts)
    {
        var c = moment.Parameters[0];
        Expression Pick(int lo, int hi)
        {
            if (lo == hi) return Expression.Constant(lo);
            var mid = (lo + hi + 1) / 2;
            return Expression.Condition(Expression.LessThan(moment.Body, Expression.Constant(starts[mid])), Pick(lo, mid - 1), Pick(mid, hi));
        }
        Expression Member(string name) => Expression.Property(c, name);
        return Expression.Lambda<Func<Case, Weekly>>(Expression.MemberInit(Expression.New(typeof(Weekly)),
            Expression.Bind(typeof(Weekly).GetProperty(nameof(Weekly.Week))!, Pick(0, starts.Count - 1)),
            Expression.Bind(typeof(Weekly).GetProperty(nameof(Weekly.UnitId))!, Member(nameof(Case.UnitId))),
            Expression.Bind(typeof(Weekly).GetProperty(nameof(Weekly.ServiceId))!, Member(nameof(Case.ServiceId))),
            Expression.Bind(typeof(Weekly).GetProperty(nameof(Weekly.Channel))!, Member(nameof(Case.Channel))),
            Expression.Bind(typeof(Weekly).GetProperty(nameof(Weekly.AssigneeId))!, Member(nameof(Case.AssigneeId)))), c);
    }

    /// <summary>Weeks ahead the forecast looks; z of the 80 % band of a normal distribution.</summary>
    public const int ForecastWeeks = 4;
    private const double Z80 = 1.2816;

    /// <summary>
    /// Computes the figures of the view. The four reads run side by side, each on a context of its own from
    /// <paramref name="openDb"/> (scoped to the user like any other): at a million cases a year's view takes as long as its
    /// longest read, not as all of them.
    /// </summary>
    public static async Task<Result> ComputeAsync(Func<Task<BackOfficeDb>> openDb, DashboardView view, DateTime now, CancellationToken ct = default)
    {
        var clock = new DashboardClock(now, view.Selection.Weeks);
        // On the thread pool: SQLite's "async" reads run synchronously, so only threads of their own overlap them.
        Task<T> Read<T>(Func<BackOfficeDb, IQueryable<Case>, Task<T>> read) => Task.Run(async () =>
        {
            await using var db = await openDb();
            return await read(db, view.Cases(db.Cases.AsNoTracking()));
        }, ct);

        // All weeks in one query per kind, counted on the database: the week of each case is a CASE over the weeks'
        // starts, read from an index that carries the grouped columns.
        var mondays = clock.Mondays.Union(clock.TrendMondays).Order().ToList();
        var starts = mondays.Select(LocalDays.Start).ToList();
        var (first, end) = (starts[0], LocalDays.Start(mondays[^1].AddDays(7)));
        var periodStart = clock.PeriodStart;
        var last30 = LocalDays.Start(clock.Last30From);

        var openTask = Read((db, cases) => cases.Where(c => c.Status < CaseStatus.Entschieden)
            .Select(c => new OpenRow(c.UnitId, c.AssigneeId, c.ServiceId, c.Status, c.ReceivedAt, c.DueAt, c.StatusChangedAt,
                db.Documents.Where(d => d.CaseId == c.Id).Max(d => (DateTime?)d.CreatedAt),
                db.CaseNotes.Where(n => n.CaseId == c.Id).Max(n => (DateTime?)n.CreatedAt)))
            .ToListAsync(ct));
        var inTask = Read((_, cases) => cases.Where(c => c.ReceivedAt >= first && c.ReceivedAt < end)
            .Select(ByWeek(c => c.ReceivedAt, starts))
            .GroupBy(k => new { k.Week, k.UnitId, k.ServiceId, k.Channel })
            .Select(g => new InGroup(g.Key.Week, g.Key.UnitId, g.Key.ServiceId, g.Key.Channel, g.Count())).ToListAsync(ct));
        var doneTask = Read((_, cases) => cases.Where(c => c.DecidedAt >= first && c.DecidedAt < end)
            .Select(ByWeek(c => c.DecidedAt!.Value, starts))
            .GroupBy(k => new { k.Week, k.UnitId, k.AssigneeId })
            .Select(g => new DoneGroup(g.Key.Week, g.Key.UnitId, g.Key.AssigneeId, g.Count())).ToListAsync(ct));
        var restTask = Read(async (db, cases) => (
            Done30: await cases.Where(c => c.DecidedAt >= last30).GroupBy(c => c.AssigneeId)
                .Select(g => new ClerkCount(g.Key, g.Count())).ToListAsync(ct),
            Hours: await cases.Where(c => c.DecidedAt >= periodStart && c.ProcessingHours != null).GroupBy(c => c.ProcessingHours!.Value)
                .Select(g => new HourCount(g.Key, g.Count())).ToListAsync(ct),
            Items: await view.Items(db.InboxItems.AsNoTracking()).Where(i => i.State != InboxState.Erledigt)
                .GroupBy(i => i.UnitId).Select(g => new { Unit = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Unit, x => x.Count, ct),
            Services: await db.Services.AsNoTracking().Select(x => new ServiceRow(x.Id, x.Name, x.JurisdictionDeadlineDays, x.DecisionDeadlineDays))
                .ToDictionaryAsync(x => x.Id, ct),
            Clerks: view.Selection.Clerk is { } only ? [only] : await ClerksOfAsync(db, view.UnitIds, ct),
            Names: await db.Users.AsNoTracking().Where(u => u.Role == Roles.Clerk || u.Role == Roles.Head).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct)));
        await Task.WhenAll(openTask, inTask, doneTask, restTask);
        var (open, inGroups, doneGroups) = (openTask.Result, inTask.Result, doneTask.Result);
        var (done30, hours, itemsByUnit, services, clerkIds, names) = restTask.Result;

        var incoming = mondays.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => inGroups.Where(g => g.Week == x.i).ToList());
        var done = mondays.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => doneGroups.Where(g => g.Week == x.i).ToList());
        Week WeekOf(DateOnly monday) => new(monday, incoming[monday].Sum(g => g.Count), done[monday].Sum(g => g.Count));
        var periodIn = clock.Mondays.SelectMany(m => incoming[m]).ToList();
        var periodDone = clock.Mondays.SelectMany(m => done[m]).ToList();

        var weeks = clock.Mondays.Select(WeekOf).ToList();
        var ages = Figure.AgeBuckets.Select(b =>
        {
            var (older, newer) = Figure.AgeBounds(clock.Today, b.From, b.To);
            return new AgeGroup(b.From, b.To, open.Count(r => r.ReceivedAt < newer && (older is null || r.ReceivedAt >= older)));
        }).ToList();

        var processing = Durations.FromHistogram(hours.Select(h => (h.Hours, h.Count)));
        var waiting = Percentiles(open.Select(r => now - r.LastActivity));

        var dueSoonEnd = clock.DueSoonEnd;
        bool Overdue(OpenRow r) => r.DueAt < now;
        bool DueSoon(OpenRow r) => r.DueAt >= now && r.DueAt < dueSoonEnd;
        var deadlines = open.Where(r => r.ServiceId is not null).GroupBy(r => r.ServiceId!.Value).Select(g =>
        {
            var s = services[g.Key];
            var days = s.JurisdictionDeadlineDays;
            var waitingForJurisdiction = days is { } d ? g.Where(r => r.Status == CaseStatus.Eingegangen).ToList() : [];
            var d0 = days ?? 0;
            return new ServiceDeadlines(s.Id, s.Name, days, s.DecisionDeadlineDays, g.Count(),
                waitingForJurisdiction.Count(r => r.ReceivedAt < dueSoonEnd.AddDays(-d0) && r.ReceivedAt >= now.AddDays(-d0)),
                waitingForJurisdiction.Count(r => r.ReceivedAt < now.AddDays(-d0)),
                g.Count(DueSoon), g.Count(Overdue));
        }).OrderBy(x => x.Service, StringComparer.Create(Labels.German, true)).ToList();

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

        clerkIds = [.. clerkIds.Union(open.Select(r => r.AssigneeId).Concat(done30.Select(r => r.Clerk))
            .Where(a => a is not null && (view.Selection.Clerk is null || a == view.Selection.Clerk)).Select(a => a!))];
        ClerkLoad LoadOf(string clerk, string name, string? assignee) => new(clerk, name,
            open.Count(r => r.AssigneeId == assignee), done30.Where(r => r.Clerk == assignee).Sum(r => r.Count),
            open.Count(r => r.AssigneeId == assignee && Overdue(r)));
        var clerks = clerkIds.Where(names.ContainsKey).Select(id => LoadOf(id, names[id], id))
            .OrderBy(c => c.Name, StringComparer.Create(Labels.German, true)).ToList();
        if (view.Selection.Clerk is null or DashboardSelection.Nobody && (open.Count > 0 || done30.Count > 0))
            clerks.Add(LoadOf(DashboardSelection.Nobody, Labels.Unassigned, null));

        var units = view.Children.Select(child =>
        {
            var ids = child.UnitIds.ToHashSet();
            return new UnitLoad(child.Unit, ids.Sum(id => itemsByUnit.GetValueOrDefault(id)),
                open.Count(r => ids.Contains(r.UnitId)), open.Count(r => ids.Contains(r.UnitId) && Overdue(r)),
                periodIn.Where(g => ids.Contains(g.UnitId)).Sum(g => g.Count), periodDone.Where(g => ids.Contains(g.UnitId)).Sum(g => g.Count));
        }).ToList();

        var trend = clock.TrendMondays.Select(WeekOf).ToList();
        return new Result(clock, itemsByUnit.Values.Sum(), open.Count, open.Count(Overdue), open.Count(DueSoon), weeks, ages,
            processing, waiting, deadlines, stretches, shares, clerks, units, ForecastFrom(open.Count, trend, clock.Today),
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
        return sorted.Length == 0 ? new Durations(0, null, null) : new Durations(sorted.Length, Durations.NearestRank(sorted, 0.5), Durations.NearestRank(sorted, 0.9));
    }


    /// <summary>
    /// The backlog in 1 to <see cref="ForecastWeeks"/> weeks: today's backlog plus the trend's mean weekly net change per
    /// week, and a band of ±1.28 standard deviations of the weekly change times √weeks (80 %, as for a random walk).
    /// Never below zero.
    /// </summary>
    public static Forecast ForecastFrom(int backlog, IReadOnlyList<Week> trend, DateOnly today)
    {
        var changes = trend.Select(w => (double)(w.Incoming - w.Completed)).ToList();
        var mean = changes.Count == 0 ? 0 : changes.Average();
        var spread = changes.Count < 2 ? 0 : Math.Sqrt(changes.Sum(x => (x - mean) * (x - mean)) / (changes.Count - 1));
        var ahead = Enumerable.Range(1, ForecastWeeks).Select(h =>
        {
            var expected = backlog + h * mean;
            var band = Z80 * spread * Math.Sqrt(h);
            return new ForecastWeek(today.AddDays(7 * h), Clamp(expected), Clamp(expected - band), Clamp(expected + band));
        }).ToList();
        return new Forecast(backlog, mean, spread, trend, ahead);
    }

    private static int Clamp(double x) => (int)Math.Round(Math.Max(0, x), MidpointRounding.AwayFromZero);
}

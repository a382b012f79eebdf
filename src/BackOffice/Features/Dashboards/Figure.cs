using System.Globalization;
using System.Linq.Expressions;
using BackOffice.Data;
using BackOffice.Infrastructure;

namespace BackOffice.Features.Dashboards;

public enum FigureKind { Open, Overdue, DueSoon, JurisdictionOverdue, JurisdictionDueSoon, Age, Incoming, Online, Completed }

/// <summary>
/// Which cases stand behind a number of the dashboard: "open", "overdue", "14 to 29 days old", "received in week 47".
/// The dashboard links every number to its figure (address parameters zahl, von, bis); the list page filters with
/// <see cref="Apply"/>, within the same <see cref="DashboardView"/>. A test checks that every list counts what its number says.
/// </summary>
public sealed record Figure(FigureKind Kind, int? FromDays = null, int? ToDays = null, DateOnly? From = null, DateOnly? To = null)
{
    /// <summary>The backlog's age groups in whole days since receipt: [From, To).</summary>
    public static readonly IReadOnlyList<(int From, int? To)> AgeBuckets = [(0, 7), (7, 14), (14, 30), (30, 60), (60, 90), (90, null)];

    public static string AgeLabel(int from, int? to) => to is { } t ? $"{from}–{t - 1} Tage" : $"{from} Tage und älter";

    private static readonly (FigureKind Kind, string Name)[] Names =
    [
        (FigureKind.Open, "offen"), (FigureKind.Overdue, "ueberfaellig"), (FigureKind.DueSoon, "faellig"),
        (FigureKind.JurisdictionOverdue, "zustaendigkeit-ueberfaellig"), (FigureKind.JurisdictionDueSoon, "zustaendigkeit-faellig"),
        (FigureKind.Age, "alter"), (FigureKind.Incoming, "eingang"), (FigureKind.Online, "online"), (FigureKind.Completed, "erledigt"),
    ];

    public static Figure Open { get; } = new(FigureKind.Open);
    public static Figure Age(int from, int? to) => new(FigureKind.Age, FromDays: from, ToDays: to);
    public static Figure Between(FigureKind kind, DateOnly from, DateOnly to) => new(kind, From: from, To: to);

    /// <summary>The figure of an address; null for nonsense (the page then says it knows no such list).</summary>
    public static Figure? Parse(string? name, string? from, string? to)
    {
        var kind = Names.FirstOrDefault(n => n.Name == name).Name is null ? (FigureKind?)null : Names.First(n => n.Name == name).Kind;
        switch (kind)
        {
            case null: return null;
            case FigureKind.Age:
                if (!int.TryParse(from, out var a) || a < 0) return null;
                int? b = to is null ? null : int.TryParse(to, out var bb) && bb > a ? bb : -1;
                return b == -1 ? null : Age(a, b);
            case FigureKind.Incoming or FigureKind.Online or FigureKind.Completed:
                return Day(from) is { } f && Day(to) is { } t && t >= f && t.DayNumber - f.DayNumber <= 3660 ? Between(kind.Value, f, t) : null;
            default: return new Figure(kind.Value);
        }
    }

    private static DateOnly? Day(string? s) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public string Query() => AddressQuery.Join(("zahl", Names.First(n => n.Kind == Kind).Name),
        ("von", FromDays?.ToString() ?? From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ("bis", ToDays?.ToString() ?? To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    /// <summary>What the list shows, as its heading says it.</summary>
    public string Describe() => Kind switch
    {
        FigureKind.Open => "Offene Vorgänge (nicht entschieden)",
        FigureKind.Overdue => "Offene Vorgänge mit überschrittener Entscheidungsfrist",
        FigureKind.DueSoon => "Offene Vorgänge, deren Entscheidungsfrist in den nächsten 7 Tagen endet",
        FigureKind.JurisdictionOverdue => "Zuständigkeit nicht fristgerecht geklärt (§ 14 SGB IX)",
        FigureKind.JurisdictionDueSoon => "Zuständigkeitsfrist endet in den nächsten 7 Tagen (§ 14 SGB IX)",
        FigureKind.Age => $"Offene Vorgänge, {AgeLabel(FromDays ?? 0, ToDays)} seit Eingang",
        FigureKind.Incoming => $"Eingegangen {Days()}",
        FigureKind.Online => $"Online eingegangen {Days()}",
        FigureKind.Completed => $"Erledigt {Days()}",
        _ => "Vorgänge",
    };

    private string Days() => From == To ? $"am {From:dd.MM.yyyy}" : $"vom {From:dd.MM.yyyy} bis {To:dd.MM.yyyy}";

    /// <summary>
    /// The cases of the figure. <paramref name="jurisdictionDays"/> gives each service with a jurisdiction deadline
    /// (§ 14 SGB IX) its days; a case is still waiting for that decision while it is "eingegangen".
    /// </summary>
    public IQueryable<Case> Apply(IQueryable<Case> cases, DashboardClock clock, IReadOnlyDictionary<int, int> jurisdictionDays)
    {
        var now = clock.Now;
        var dueSoonEnd = clock.DueSoonEnd;
        switch (Kind)
        {
            case FigureKind.Open: return cases.Where(Files.CaseStatusRules.IsOpen);
            case FigureKind.Overdue: return cases.Where(c => c.Status < CaseStatus.Entschieden && c.DueAt < now);
            case FigureKind.DueSoon: return cases.Where(c => c.Status < CaseStatus.Entschieden && c.DueAt >= now && c.DueAt < dueSoonEnd);
            case FigureKind.JurisdictionOverdue:
                return cases.Where(c => c.Status == CaseStatus.Eingegangen).Where(AnyService(jurisdictionDays, days => (now.AddDays(-days), (DateTime?)null)));
            case FigureKind.JurisdictionDueSoon:
                return cases.Where(c => c.Status == CaseStatus.Eingegangen).Where(AnyService(jurisdictionDays, days => (dueSoonEnd.AddDays(-days), now.AddDays(-days))));
            case FigureKind.Age:
                var (older, newer) = AgeBounds(clock.Today, FromDays ?? 0, ToDays);
                cases = cases.Where(c => c.Status < CaseStatus.Entschieden && c.ReceivedAt < newer);
                return older is { } o ? cases.Where(c => c.ReceivedAt >= o) : cases;
            default:
                var (from, to) = (LocalDays.Start(From!.Value), LocalDays.End(To!.Value));
                return Kind == FigureKind.Completed
                    ? cases.Where(c => c.DecidedAt >= from && c.DecidedAt < to)
                    : Kind == FigureKind.Online
                        ? cases.Where(c => c.ReceivedAt >= from && c.ReceivedAt < to && c.Channel == Channel.Portal)
                        : cases.Where(c => c.ReceivedAt >= from && c.ReceivedAt < to);
        }
    }

    /// <summary>Receipt moments of an age group [from, to) in whole days: received on or after the first, before the second.</summary>
    public static (DateTime? Older, DateTime Newer) AgeBounds(DateOnly today, int from, int? to) =>
        (to is { } t ? LocalDays.Start(today.AddDays(-(t - 1))) : null, LocalDays.End(today.AddDays(-from)));

    /// <summary>
    /// "ServiceId is one of these and ReceivedAt is before its bound (and, where given, not before its lower bound)",
    /// one OR per deadline length: services share the same bounds when their days are equal.
    /// </summary>
    private static Expression<Func<Case, bool>> AnyService(IReadOnlyDictionary<int, int> jurisdictionDays, Func<int, (DateTime Before, DateTime? NotBefore)> bounds)
    {
        var c = Expression.Parameter(typeof(Case), "c");
        Expression body = Expression.Constant(false);
        foreach (var group in jurisdictionDays.GroupBy(x => x.Value))
        {
            var ids = group.Select(x => (int?)x.Key).ToList();
            var (before, notBefore) = bounds(group.Key);
            Expression<Func<Case, bool>> part = notBefore is { } nb
                ? x => ids.Contains(x.ServiceId) && x.ReceivedAt < before && x.ReceivedAt >= nb
                : x => ids.Contains(x.ServiceId) && x.ReceivedAt < before;
            body = Expression.OrElse(body, Expression.Invoke(part, c));
        }
        return Expression.Lambda<Func<Case, bool>>(body, c);
    }
}

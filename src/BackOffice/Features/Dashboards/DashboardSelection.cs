using BackOffice.Data;
using BackOffice.Infrastructure;

namespace BackOffice.Features.Dashboards;

/// <summary>
/// What a head looks at on the dashboard: a unit (drill-down), a clerk, a service, a channel and a period. It lives in
/// the address with German parameter names, so that reload, Back and a copied link show the same, and it is kept as the
/// head's last choice. Nonsense in a typed address falls back to the defaults.
/// </summary>
public sealed record DashboardSelection
{
    public const int DefaultWeeks = 12;
    public static readonly int[] WeekChoices = [4, 12, 26, 52];
    /// <summary>The "clerk" that stands for cases nobody is assigned to.</summary>
    public const string Nobody = "niemand";

    /// <summary>The unit's key ("50.1"); null: all of the head's units.</summary>
    public string? Unit { get; init; }
    /// <summary>A user id, or <see cref="Nobody"/>; null: everyone.</summary>
    public string? Clerk { get; init; }
    public int? ServiceId { get; init; }
    public Channel? Channel { get; init; }
    public int Weeks { get; init; } = DefaultWeeks;

    public static DashboardSelection Parse(string? unit, string? clerk, string? service, string? channel, string? weeks) => new()
    {
        Unit = string.IsNullOrWhiteSpace(unit) ? null : unit.Trim(),
        Clerk = string.IsNullOrWhiteSpace(clerk) ? null : clerk.Trim(),
        ServiceId = int.TryParse(service, out var s) && s > 0 ? s : null,
        Channel = Enum.TryParse<Channel>(channel, true, out var c) && Enum.IsDefined(c) && !int.TryParse(channel, out _) ? c : null,
        Weeks = int.TryParse(weeks, out var w) && WeekChoices.Contains(w) ? w : DefaultWeeks,
    };

    /// <summary>The query string, without "?"; defaults are left out.</summary>
    public string Query() => AddressQuery.Join(
        ("einheit", Unit), ("bearbeitung", Clerk), ("leistung", ServiceId?.ToString()),
        ("kanal", Channel?.ToString().ToLowerInvariant()), ("wochen", Weeks == DefaultWeeks ? null : Weeks.ToString()));

    /// <summary>
    /// The dashboard's address for this selection. The plain address brings back the head's last choice, so the
    /// default selection is asked for with an empty unit.
    /// </summary>
    public string Href() => "dashboards?" + (Query() is { Length: > 0 } q ? q : "einheit=");

    /// <summary>The list of cases behind a number of this selection.</summary>
    public string ListHref(Figure figure) => "dashboards/vorgaenge?" + string.Join("&", new[] { Query(), figure.Query() }.Where(q => q.Length > 0));
}

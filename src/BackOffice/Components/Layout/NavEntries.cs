using BackOffice.Data;

namespace BackOffice.Components.Layout;

/// <summary>The navigation, by role. Each page's [Authorize(Roles = ...)] names the same roles.</summary>
public static class NavEntries
{
    public sealed record Entry(string Title, string Href, string Icon, string[] Roles);

    public const string InboxRoles = $"{Data.Roles.Clerk},{Data.Roles.Head},{Data.Roles.MailRoom}";
    public const string CaseRoles = $"{Data.Roles.Clerk},{Data.Roles.Head}";
    public const string ScanRoles = Data.Roles.MailRoom;
    /// <summary>The dashboard opens the cases behind its numbers: heads only. Controlling counts in the statistics (no case data).</summary>
    public const string DashboardRoles = Data.Roles.Head;
    public const string StatisticsRoles = $"{Data.Roles.Controlling},{Data.Roles.Head}";
    public const string AdminRoles = Data.Roles.Admin;

    public static readonly IReadOnlyList<Entry> All =
    [
        new("Übersicht", "start", "home", CaseRoles.Split(',')),
        new("Posteingang", "posteingang", "inbox", InboxRoles.Split(',')),
        new("Meine Vorgänge", "vorgaenge", "assignment", CaseRoles.Split(',')),
        new("Akten", "akten", "folder", CaseRoles.Split(',')),
        new("Postausgang", "postausgang", "outbox", CaseRoles.Split(',')),
        new("Scanstelle", "scanstelle", "document_scanner", ScanRoles.Split(',')),
        new("Dashboard", "dashboards", "dashboard", DashboardRoles.Split(',')),
        new("Statistiken", "statistiken", "bar_chart", StatisticsRoles.Split(',')),
        new("Verwaltung", "verwaltung", "settings", AdminRoles.Split(',')),
    ];

    /// <summary>A head's case list is the units' work, not theirs: it is called "Vorgänge" for them.</summary>
    public static IEnumerable<Entry> For(string? role) => All.Where(e => role != null && e.Roles.Contains(role))
        .Select(e => role == Data.Roles.Head && e.Href == "vorgaenge" ? e with { Title = "Vorgänge" } : e);
}

using BackOffice.Features.Files;

namespace BackOffice.Features.Dashboards;

/// <summary>Numbers as the dashboard writes them, German style.</summary>
public static class DashboardLabels
{
    public static string Number(int n) => n.ToString("N0", Labels.German);

    public static string Number(double n) => n.ToString("N1", Labels.German);

    /// <summary>"12,5 Tage" (one decimal), "–" without a value.</summary>
    public static string Days(TimeSpan? t) => t is { } d ? $"{(d.TotalHours / 24).ToString("N1", Labels.German)} Tage" : "–";

    public static string Percent(double? p) => p is { } x ? $"{x.ToString("N1", Labels.German)} %" : "–";

    public static string Signed(double n) => (n > 0 ? "+" : "") + n.ToString("N1", Labels.German);
}

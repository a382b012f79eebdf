namespace BackOffice.Infrastructure;

/// <summary>The query part of a page's address, from the filters that are set: the dashboards' and the reports'.</summary>
public static class AddressQuery
{
    /// <summary>"von=2026-08-01&amp;einheit=50" from the parts whose value is not null, each escaped.</summary>
    public static string Join(params (string Name, string? Value)[] parts) =>
        string.Join("&", parts.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
}

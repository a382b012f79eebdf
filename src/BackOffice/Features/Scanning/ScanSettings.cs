using BackOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Scanning;

/// <summary>The Scanstelle's settings the administration keeps (one row; the defaults until it saves them).</summary>
public static class ScanSettings
{
    public const int Row = 1;

    public static async Task<ScanSetting> GetAsync(BackOfficeDb db, CancellationToken ct = default) =>
        await db.ScanSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == Row, ct) ?? new ScanSetting { Id = Row };

    /// <summary>Why the settings cannot be saved, in German; null when they can.</summary>
    public static string? Problem(ScanSetting s) =>
        s.AutoRoutePercent is < 50 or > 100 ? "Die Schwelle für die automatische Weiterleitung liegt zwischen 50 und 100 Prozent (oder ist aus)."
        : s.OriginalsKeptWeeks is < 0 or > 520 ? "Die Aufbewahrung der Papieroriginale liegt zwischen 0 und 520 Wochen."
        : s.QualityCheckPercent is < 0 or > 100 ? "Der Anteil der Qualitätsprüfung liegt zwischen 0 und 100 Prozent."
        : null;
}

using System.Text.Json;
using BackOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Reports;

/// <summary>
/// Exports and filled forms take figures (and with "Vorgänge (Liste)" case data) out of the system: who took which
/// report, for which period and units, goes into the audit trail.
/// </summary>
public static class ReportAudit
{
    public static async Task LogAsync(IDbContextFactory<BackOfficeDb> factory, string action, string entityType, string entityId, ExportInfo info, string output,
        CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = info.Actor;
        db.LogEvent(action, entityType, entityId, details: JsonSerializer.Serialize(new
        {
            bericht = info.Report, zeitraum = info.Period, einheiten = info.Units, leistung = info.Service, kanal = info.Channel, ausgabe = output,
        }));
        await db.SaveChangesAsync(ct);
    }
}

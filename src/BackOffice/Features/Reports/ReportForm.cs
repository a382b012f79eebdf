using System.Globalization;
using System.Security.Claims;
using BackOffice.Data;
using BackOffice.Infrastructure;
using BackOffice.Features.Files;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Reports;

/// <summary>A report's filters as the address and the page hold them: text as typed, null where nothing is chosen.</summary>
public sealed record ReportFilters(string? Unit, string? From, string? To, string? Service, string? Channel)
{
    /// <summary>The address's query for them (von, bis, einheit, leistung, kanal), the chosen ones only.</summary>
    public string Query() => AddressQuery.Join(("von", From), ("bis", To), ("einheit", Unit), ("leistung", Service), ("kanal", Channel));
}

/// <summary>Reads a report's parameters as the page and the export address give them, and describes them in German.</summary>
public static class ReportForm
{
    /// <summary>The request, or why not (a German sentence).</summary>
    /// <remarks>A service or channel the report does not filter by is dropped: it would only mislabel the figures.</remarks>
    public static async Task<Outcome<ReportRequest>> ReadAsync(IDbContextFactory<BackOfficeDb> factory, ReportDefinition report,
        string? from, string? to, string? service, string? channel, CancellationToken ct = default)
    {
        if (!report.Parameters.Contains("leistung")) service = null;
        if (!report.Parameters.Contains("kanal")) channel = null;
        if (!Day(from, out var f) || !Day(to, out var t)) return Outcome.Refused("Bitte einen Zeitraum mit „von“ und „bis“ als Datum (JJJJ-MM-TT) angeben.");
        if (f < Earliest || t > Latest) return Outcome.Refused($"Bitte einen Zeitraum zwischen dem {Earliest:dd.MM.yyyy} und dem {Latest:dd.MM.yyyy} wählen.");
        if (t < f) return Outcome.Refused("Das Ende des Zeitraums liegt vor seinem Anfang.");
        if (t.DayNumber - f.DayNumber >= ReportSql.MaxDays) return Outcome.Refused($"Der Zeitraum ist zu lang: höchstens {ReportSql.MaxDays:N0} Tage.");
        int? serviceId = null;
        if (!string.IsNullOrEmpty(service))
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            if (!int.TryParse(service, out var s) || !await db.Services.AnyAsync(x => x.Id == s, ct)) return Outcome.Refused("Diese Leistung gibt es nicht.");
            serviceId = s;
        }
        Channel? c = null;
        if (!string.IsNullOrEmpty(channel))
        {
            if (!Enum.TryParse<Channel>(channel, true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(channel, out _)) return Outcome.Refused("Diesen Eingangskanal gibt es nicht.");
            c = parsed;
        }
        return Outcome.Made(new ReportRequest(f, t, serviceId, c));
    }

    /// <summary>
    /// The units and the request these filters ask for, or why not (German): what the page's preview, export and
    /// schedule and the official forms start from. (The export address answers a unit not the user's with 404 instead.)
    /// </summary>
    public static async Task<Outcome<Prepared>> PrepareAsync(IDbContextFactory<BackOfficeDb> factory,
        ReportUnits reportUnits, ClaimsPrincipal user, ReportDefinition report, ReportFilters filters, CancellationToken ct = default)
    {
        var units = await reportUnits.ChooseAsync(user, filters.Unit, ct);
        if (units is null) return Outcome.Refused("Diese Organisationseinheit ist Ihnen nicht freigegeben.");
        var (request, problem) = await ReadAsync(factory, report, filters.From, filters.To, filters.Service, filters.Channel, ct);
        return request is null ? Outcome.Refused(problem!) : Outcome.Made(new Prepared(units, request));
    }

    /// <summary>The units and the request a report runs for.</summary>
    public sealed record Prepared(ReportUnits.Choice Units, ReportRequest Request);

    /// <param name="by">The user's login; the file names the person (their display name), "(geplant)" for a schedule's run.</param>
    public static async Task<ExportInfo> InfoAsync(IDbContextFactory<BackOfficeDb> factory, ReportDefinition report, ReportRequest request,
        ReportUnits.Choice units, string by, CancellationToken ct = default, bool scheduled = false)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var person = await db.Users.Where(u => u.UserName == by).Select(u => u.DisplayName).SingleOrDefaultAsync(ct) ?? by;
        var service = request.ServiceId is { } id ? await db.Services.Where(s => s.Id == id).Select(s => s.Name).SingleAsync(ct) : "alle";
        // A report without a period (the inbox backlog) counts what is open now.
        var period = report.Parameters.Contains("zeitraum") ? $"{request.From:dd.MM.yyyy} bis {request.To:dd.MM.yyyy}" : $"Stand {Labels.Local(DateTime.UtcNow):dd.MM.yyyy}";
        return new ExportInfo(report.Title, period, units.Names, service,
            request.Channel is { } ch ? Labels.Of(ch) : "alle", scheduled ? $"{person} (geplant)" : person, Labels.Local(DateTime.UtcNow),
            scheduled ? $"{by} (geplant)" : by);
    }

    private static readonly DateOnly Earliest = new(2000, 1, 1), Latest = new(2099, 12, 31);

    private static bool Day(string? s, out DateOnly day) => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}

using System.Security.Claims;
using BackOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Reports;

/// <summary>
/// What the Statistiken page does with a report, without the page: the preview (first rows, count, totals), an export
/// in the background (audited), and a monthly schedule. Every one starts from the same check of the filters
/// (<see cref="ReportForm.PrepareAsync"/>) and answers an outcome the page shows.
/// </summary>
public sealed class ReportWork(IDbContextFactory<BackOfficeDb> factory, ReportUnits reportUnits, ExportJobs jobs, ReportSchedules schedules)
{
    public const int PreviewRows = 20;

    /// <summary>The first rows, how many there are, and the totals row (null when the report has none).</summary>
    public sealed record Preview(IReadOnlyList<object?[]> Rows, int Count, object?[]? Totals);

    public async Task<Outcome<Preview>> PreviewAsync(ClaimsPrincipal user, ReportDefinition report, ReportFilters filters, CancellationToken ct = default)
    {
        var (prepared, problem) = await ReportForm.PrepareAsync(factory, reportUnits, user, report, filters, ct);
        if (prepared is null) return Outcome.Refused(problem!);
        await using var db = await factory.CreateDbContextAsync(ct);
        var totals = new ReportTotals(report);
        var (rows, count) = (new List<object?[]>(), 0);
        await foreach (var row in ReportRunner.RowsAsync(db, report, prepared.Request, prepared.Units.UnitIds, DateTime.UtcNow, ct))
        {
            if (rows.Count < PreviewRows) rows.Add(row);
            totals.Add(row);
            count++;
        }
        return Outcome.Made(new Preview(rows, count, totals.Any ? totals.Row() : null));
    }

    /// <summary>Starts writing the whole report in the background (logged as an export); the job tells its progress.</summary>
    /// <param name="expected">Rows the preview counted, for the progress bar.</param>
    public async Task<Outcome<ExportJobs.Job>> ExportAsync(ClaimsPrincipal user, ReportDefinition report, ReportFilters filters, bool csv, int? expected, CancellationToken ct = default)
    {
        var (prepared, problem) = await ReportForm.PrepareAsync(factory, reportUnits, user, report, filters, ct);
        if (prepared is null) return Outcome.Refused(problem!);
        var info = await ReportForm.InfoAsync(factory, report, prepared.Request, prepared.Units, user.Identity?.Name ?? "", ct);
        await ReportAudit.LogAsync(factory, "report-exported", "Report", report.Id, info, csv ? "csv" : "xlsx", ct);
        return Outcome.Made(jobs.Start(UserId(user), report, prepared.Request, prepared.Units.UnitIds, info, csv, expected));
    }

    /// <summary>The report each month on this day, over the month before, with these filters (their period aside).</summary>
    public async Task<Outcome> ScheduleAsync(ClaimsPrincipal user, ReportDefinition report, ReportFilters filters, int dayOfMonth, CancellationToken ct = default)
    {
        // Its period is each month's; any valid one checks the other filters.
        var (prepared, problem) = await ReportForm.PrepareAsync(factory, reportUnits, user, report, filters with { From = "2000-01-01", To = "2000-01-01" }, ct);
        if (prepared is null) return Outcome.Refused(problem!);
        return await schedules.CreateAsync(UserId(user), report.Id, dayOfMonth, filters.Unit, prepared.Request.ServiceId, prepared.Request.Channel, ct);
    }

    private static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
}

using BackOffice.Components.Layout;
using BackOffice.Features.Access;
using System.Security.Claims;
using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Reports;

public static class ReportsSetup
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddSingleton<ReportCatalog>();
        services.AddHostedService<ReportCheck>();
        services.AddScoped<ReportUnits>();
        services.AddSingleton<ReportSchedules>();
        services.AddSingleton<ExportJobs>();
        services.AddScoped<Forms.OfficialForms>();
        services.AddScoped<ReportWork>();
        services.AddLeasedWork<ReportScheduler>("report-schedules"); // one instance produces them
        return services;
    }

    /// <summary>GET /statistiken/{id}/export?format=xlsx|csv&amp;von&amp;bis&amp;einheit&amp;leistung&amp;kanal: the whole report, streamed.</summary>
    public static void MapReportsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/statistiken/{id}/export", ExportAsync).RequireAuthorization(p => p.RequireRole(NavEntries.StatisticsRoles.Split(',')));
        // A scheduled report's result: its owner only; anyone else gets 404.
        app.MapGet("/statistiken/ergebnisse/{id:int}", async (int id, HttpContext http, ReportSchedules schedules, CancellationToken ct) =>
            http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user && await schedules.FileAsync(user, id, ct) is { } file && File.Exists(file.Path)
                ? Results.File(file.Path, ReportExport.ContentType(csv: false), file.FileName)
                : Results.NotFound())
            .RequireAuthorization(p => p.RequireRole(NavEntries.StatisticsRoles.Split(',')));
        // An export started on the page, once it is written: its owner only.
        app.MapGet("/statistiken/exporte/{id:guid}", (Guid id, HttpContext http, ExportJobs jobs) =>
            http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user && jobs.Finished(user, id) is { } job
                ? Results.File(job.Path, ReportExport.ContentType(job.FileName.EndsWith(".csv")), job.FileName)
                : Results.NotFound())
            .RequireAuthorization(p => p.RequireRole(NavEntries.StatisticsRoles.Split(',')));
    }

    private static async Task<IResult> ExportAsync(string id, string? format, string? von, string? bis, string? einheit, string? leistung, string? kanal,
        HttpContext http, ReportCatalog catalog, ReportUnits reportUnits, IDbContextFactory<BackOfficeDb> factory, CancellationToken ct)
    {
        var report = catalog.Find(id);
        if (report is null) return Results.NotFound();
        var choice = await reportUnits.ChooseAsync(http.User, einheit, ct);
        if (choice is null) return Results.NotFound();
        var (request, problem) = await ReportForm.ReadAsync(factory, report, von, bis, leistung, kanal, ct);
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (request is null || !csv && format is not null && !format.Equals("xlsx", StringComparison.OrdinalIgnoreCase))
            return Results.Problem(problem ?? "Dieses Format gibt es nicht: möglich sind „xlsx“ und „csv“.", statusCode: 400, title: "Der Bericht kann so nicht erstellt werden.");
        var info = await ReportForm.InfoAsync(factory, report, request, choice, http.User.Identity?.Name ?? "", ct);
        await ReportAudit.LogAsync(factory, "report-exported", "Report", report.Id, info, csv ? "csv" : "xlsx", ct);
        http.Response.ContentType = ReportExport.ContentType(csv);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{ReportExport.FileName(report, request, csv)}\"";
        // The zip inside an .xlsx ends with a few synchronous writes when it is closed; allowed for this answer only.
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>() is { } body) body.AllowSynchronousIO = true;
        await using var db = await factory.CreateDbContextAsync(ct);
        await ReportExport.WriteAsync(http.Response.Body, db, report, request, choice.UnitIds, info, csv, ct);
        return Results.Empty;
    }
}

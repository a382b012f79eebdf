using BackOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Files;

public static class FilesSetup
{
    /// <summary>The e-file: letters out of cases and their previews.</summary>
    public static IServiceCollection AddFiles(this IServiceCollection services)
    {
        services.AddSingleton<LetterOut>();
        services.AddSingleton<LetterPreviews>();
        services.AddSingleton<Retention>();
        return services;
    }

    public static void MapFilesEndpoints(this IEndpointRouteBuilder app)
    {
        LetterPreviews.Map(app);
        // The file plan as CSV for Excel (administration only).
        app.MapGet("/verwaltung/aktenplan.csv", async (HttpContext http, IDbContextFactory<BackOfficeDb> factory, CancellationToken ct) =>
        {
            if (!http.User.IsInRole(Roles.Admin)) return Results.NotFound();
            await using var db = await factory.CreateDbContextAsync(ct);
            http.Response.Headers.ContentDisposition = Documents.DocumentEndpoints.ContentDisposition("attachment", "Aktenplan.csv");
            return Results.File(await Administration.FilePlan.ExportAsync(db, ct), "text/csv; charset=utf-8");
        }).RequireAuthorization();
        // The archive package of a file due for deletion: for the administration only (everyone else: not found).
        app.MapGet("/verwaltung/aussonderung/{id:int}/paket", async (int id, HttpContext http, IDbContextFactory<BackOfficeDb> factory, Retention retention, CancellationToken ct) =>
        {
            if (!http.User.IsInRole(Roles.Admin)) return Results.NotFound();
            await using var db = await factory.CreateDbContextAsync(ct);
            (db.Scope, db.Actor) = (UnitScope.System, http.User.Identity?.Name ?? "anonym");
            if (await retention.PackageAsync(db, id, DateTime.UtcNow, ct) is not { } package) return Results.NotFound();
            http.Response.Headers.ContentDisposition = Documents.DocumentEndpoints.ContentDisposition("attachment", package.FileName);
            http.Response.Headers["X-Package-Sha256"] = package.Sha256;
            return Results.File(package.Zip, "application/zip");
        }).RequireAuthorization();
    }
}

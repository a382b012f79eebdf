using BackOffice.Features.Documents;

namespace BackOffice.Features.Scanning;

/// <summary>
/// The Scanstelle: scanners' folders watched (ScanWatcher), the mail room's upload (ScanIntake), text recognition
/// (ScanReader, ocrmypdf), proposals (ScanProposals) and the mail room's check (ScanCheck, ScanningPage).
/// </summary>
public static class ScanningSetup
{
    public static IServiceCollection AddScanning(this IServiceCollection services)
    {
        services.AddSingleton<ScanEvents>();
        services.AddSingleton<ScanIntake>();
        services.AddSingleton<ScanCheck>();
        services.AddSingleton<ScanOriginals>();
        services.AddSingleton<ScanPageEdits>();
        // One instance watches the folders and reads batches at a time (leases, ADR-0018); every instance learns.
        services.AddLeasedWork<ScanWatcher>("scan-watcher");
        services.AddLeasedWork<ScanReader>("scan-reader");
        services.AddSingleton<ScanLearning>();
        services.AddHostedService(s => s.GetRequiredService<ScanLearning>());
        return services;
    }

    /// <summary>The Scanstelle's files (previews, thumbnails, separator sheets): for the mail room alone; anyone else gets 404.</summary>
    public static void MapScanningEndpoints(this IEndpointRouteBuilder app)
    {
        var scans = app.MapGroup("/scanstelle").RequireAuthorization()
            .AddEndpointFilter(async (context, next) => context.HttpContext.User.IsInRole(Data.Roles.MailRoom) ? await next(context) : Results.NotFound());

        scans.MapGet("/dokumente/{id:int}/ansicht", async (int id, HttpContext http, ScanCheck check, DocumentStore store, CancellationToken ct) =>
        {
            if (await check.PdfAsync(id, ct) is not { } pdf || !store.Exists(pdf.Sha256)) return Results.NotFound();
            if (!await store.IsIntactAsync(pdf.Sha256, ct))
            {
                await check.LogDamagedAsync(id, http.User.Identity?.Name ?? "Scanstelle", ct);
                return DocumentEndpoints.Damaged;
            }
            http.Response.Headers.ContentDisposition = DocumentEndpoints.ContentDisposition("inline", pdf.FileName);
            Infrastructure.SecurityHeaders.ForDocument(http.Response);
            return Results.File(store.PathOf(pdf.Sha256), "application/pdf", enableRangeProcessing: true);
        });

        // A page of a document waiting for the check, small, for the thumbnails beside the viewer.
        scans.MapGet("/dokumente/{id:int}/seiten/{page:int}", async (int id, int page, ScanCheck check, DocumentStore store, CancellationToken ct) =>
        {
            if (await check.PdfAsync(id, ct) is not { } pdf || !store.Exists(pdf.Sha256)) return Results.NotFound();
            var png = await ScanPages.ThumbnailAsync(store.PathOf(pdf.Sha256), page, ct);
            return png is null ? Results.NotFound() : Results.File(png, "image/png");
        });

        scans.MapGet("/trennblaetter.pdf", async (string? ziel, HttpContext http, ScanCheck check, CancellationToken ct) =>
        {
            if (await check.SeparatorSheetsAsync(ziel, ct) is not { Count: > 0 } sheets) return Results.NotFound();
            http.Response.Headers.ContentDisposition = DocumentEndpoints.ContentDisposition("inline", "Trennblätter.pdf");
            return Results.File(ScanSeparatorSheets.Pdf(sheets), "application/pdf");
        });
    }
}

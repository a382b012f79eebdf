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
        services.AddSingleton<ScanWatcher>();
        services.AddHostedService(s => s.GetRequiredService<ScanWatcher>());
        services.AddSingleton<ScanReader>();
        services.AddHostedService(s => s.GetRequiredService<ScanReader>());
        return services;
    }

    /// <summary>The PDF/A of a document waiting for the check: for the mail room alone; anyone else gets 404.</summary>
    public static void MapScanningEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/scanstelle/dokumente/{id:int}/ansicht", async (int id, HttpContext http, ScanCheck check, DocumentStore store, CancellationToken ct) =>
        {
            if (!http.User.IsInRole(Data.Roles.MailRoom)) return Results.NotFound();
            if (await check.PdfAsync(id, ct) is not { } pdf || !store.Exists(pdf.Sha256)) return Results.NotFound();
            http.Response.Headers.ContentDisposition = DocumentEndpoints.ContentDisposition("inline", pdf.FileName);
            Infrastructure.SecurityHeaders.ForDocument(http.Response);
            return Results.File(store.PathOf(pdf.Sha256), "application/pdf", enableRangeProcessing: true);
        }).RequireAuthorization();
    }
}

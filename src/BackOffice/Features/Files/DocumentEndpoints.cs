using BackOffice.Data;
using BackOffice.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Files;

public static class DocumentEndpoints
{
    public static void MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        // The document version as it came; scoped like everything else, and logged as a read.
        app.MapGet("/dokumente/{versionId:int}", (int versionId, HttpContext http, UserDb userDb, DocumentStore store, TiffPreview tiff, CancellationToken ct) =>
            ServeAsync(versionId, viewable: false, http, userDb, store, tiff, ct)).RequireAuthorization();
        // The same in a form the browser shows in the page: a TIFF as a PDF of its pages, everything else as it is.
        app.MapGet("/dokumente/{versionId:int}/ansicht", (int versionId, HttpContext http, UserDb userDb, DocumentStore store, TiffPreview tiff, CancellationToken ct) =>
            ServeAsync(versionId, viewable: true, http, userDb, store, tiff, ct)).RequireAuthorization();
    }

    private static async Task<IResult> ServeAsync(int versionId, bool viewable, HttpContext http, UserDb userDb, DocumentStore store, TiffPreview tiff, CancellationToken ct)
    {
        await using var db = await userDb.OpenAsync(http.User, ct);
        var v = await db.DocumentVersions.AsNoTracking().Where(x => x.Id == versionId)
            .Select(x => new { x.Sha256, x.MimeType, x.FileName, x.Document!.UnitId, x.DocumentId })
            .SingleOrDefaultAsync(ct);
        if (v is null || !store.Exists(v.Sha256)) return Results.NotFound();
        db.LogRead(nameof(Document), v.DocumentId.ToString(), v.UnitId);
        await db.SaveChangesAsync(ct);

        var (path, mime, name) = (store.PathOf(v.Sha256), v.MimeType, v.FileName);
        if (viewable && v.MimeType == "image/tiff")
        {
            path = await tiff.PdfOfAsync(v.Sha256, ct);
            if (path is null)
                return Results.Text("Diese TIFF-Datei lässt sich nicht anzeigen, sie ist beschädigt oder unvollständig. Die Originaldatei kann weiterhin geöffnet werden.",
                    "text/plain; charset=utf-8", statusCode: StatusCodes.Status422UnprocessableEntity);
            (mime, name) = ("application/pdf", Path.ChangeExtension(v.FileName, ".pdf"));
        }
        // Inline, so that the preview pane and the case page show the pages in the page.
        http.Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { Inline = true, FileName = name }.ToString();
        return Results.File(path, mime, enableRangeProcessing: true);
    }
}

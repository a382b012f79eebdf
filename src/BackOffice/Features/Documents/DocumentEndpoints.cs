using BackOffice.Data;
using BackOffice.Features.Access;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace BackOffice.Features.Documents;

public static class DocumentEndpoints
{
    public static void MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        // The document version as it came, shown in the page; scoped like everything else, and logged as a read.
        app.MapGet("/dokumente/{versionId:int}", (int versionId, HttpContext http, UserDb userDb, DeniedReads denied, DocumentStore store, TiffPreview tiff, CancellationToken ct) =>
            ServeAsync(versionId, Shape.AsItCame, http, userDb, denied, store, tiff, ct)).RequireAuthorization();
        // The same in a form the browser shows in the page: a TIFF as a PDF of its pages, everything else as it is.
        app.MapGet("/dokumente/{versionId:int}/ansicht", (int versionId, HttpContext http, UserDb userDb, DeniedReads denied, DocumentStore store, TiffPreview tiff, CancellationToken ct) =>
            ServeAsync(versionId, Shape.Viewable, http, userDb, denied, store, tiff, ct)).RequireAuthorization();
        // As a file to save ("Herunterladen").
        app.MapGet("/dokumente/{versionId:int}/download", (int versionId, HttpContext http, UserDb userDb, DeniedReads denied, DocumentStore store, TiffPreview tiff, CancellationToken ct) =>
            ServeAsync(versionId, Shape.Download, http, userDb, denied, store, tiff, ct)).RequireAuthorization();
    }

    private enum Shape { AsItCame, Viewable, Download }

    /// <summary>A stored file that no longer matches its check value: told in German, never served.</summary>
    public static IResult Damaged => Results.Text(DocumentStore.Damaged, "text/plain; charset=utf-8", statusCode: StatusCodes.Status409Conflict);

    private static async Task<IResult> ServeAsync(int versionId, Shape shape, HttpContext http, UserDb userDb, DeniedReads denied, DocumentStore store, TiffPreview tiff, CancellationToken ct)
    {
        await using var db = await userDb.OpenAsync(http.User, ct);
        var v = await db.DocumentVersions.AsNoTracking().Where(x => x.Id == versionId)
            .Select(x => new { x.Sha256, x.MimeType, x.FileName, x.Document!.UnitId, x.DocumentId })
            .SingleOrDefaultAsync(ct);
        if (v is null)
        {
            // Outside the user's units: the same 404 as for an id that does not exist, but the attempt is logged.
            await denied.LogIfElsewhereAsync<DocumentVersion>(db, x => x.Id == versionId, versionId.ToString(), ct);
            return Results.NotFound();
        }
        if (!store.Exists(v.Sha256)) return Results.NotFound();
        if (!await store.IsIntactAsync(v.Sha256, ct))
        {
            db.LogEvent("integrity-failed", nameof(Document), v.DocumentId.ToString(), v.UnitId, $"Version {versionId}, SHA-256 {v.Sha256}");
            await db.SaveChangesAsync(ct);
            return Damaged;
        }
        db.LogRead(nameof(Document), v.DocumentId.ToString(), v.UnitId);
        await db.SaveChangesAsync(ct);

        var (path, mime, name) = (store.PathOf(v.Sha256), v.MimeType, v.FileName);
        if (shape == Shape.Viewable && v.MimeType == "image/tiff")
        {
            path = await tiff.PdfOfAsync(v.Sha256, ct);
            if (path is null)
                return Results.Text("Diese TIFF-Datei lässt sich nicht anzeigen, sie ist beschädigt oder unvollständig. Die Originaldatei kann weiterhin geöffnet werden.",
                    "text/plain; charset=utf-8", statusCode: StatusCodes.Status422UnprocessableEntity);
            (mime, name) = ("application/pdf", Path.ChangeExtension(v.FileName, ".pdf"));
        }
        http.Response.Headers.ContentDisposition = ContentDisposition(shape == Shape.Download ? "attachment" : "inline", name);
        SecurityHeaders.ForDocument(http.Response);
        return Results.File(path, mime, enableRangeProcessing: true);
    }

    /// <summary>
    /// RFC 6266 with RFC 5987: an ASCII fallback name for old clients and the real name, umlauts and all, as
    /// filename*=UTF-8''…; control and direction characters never reach the header.
    /// </summary>
    public static string ContentDisposition(string type, string fileName)
    {
        var header = new ContentDispositionHeaderValue(type);
        header.SetHttpFileName(PlainText.FileName(fileName));
        return header.ToString();
    }
}

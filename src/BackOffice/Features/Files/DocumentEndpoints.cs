using BackOffice.Data;
using BackOffice.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Files;

public static class DocumentEndpoints
{
    public static void MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        // Shows a document version inline; scoped like everything else, and logged as a read.
        app.MapGet("/dokumente/{versionId:int}", async (int versionId, HttpContext http, UserDb userDb, DocumentStore store, CancellationToken ct) =>
        {
            await using var db = await userDb.OpenAsync(http.User, ct);
            var v = await db.DocumentVersions.AsNoTracking().Where(x => x.Id == versionId)
                .Select(x => new { x.Sha256, x.MimeType, x.FileName, x.Document!.UnitId, x.DocumentId })
                .SingleOrDefaultAsync(ct);
            if (v is null || !store.Exists(v.Sha256)) return Results.NotFound();
            db.LogRead(nameof(Document), v.DocumentId.ToString(), v.UnitId);
            await db.SaveChangesAsync(ct);
            // Inline, so that the preview pane and the case page show the pages in the page.
            http.Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { Inline = true, FileName = v.FileName }.ToString();
            return Results.File(store.OpenRead(v.Sha256), v.MimeType, enableRangeProcessing: true);
        }).RequireAuthorization();
    }
}

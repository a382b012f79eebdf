using BackOffice.Features.Documents;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using BackOffice.Data;
using BackOffice.Features.Files;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Documents;

/// <summary>Documents shown in the page: a TIFF becomes a PDF of its pages (img2pdf); a damaged one says so; scoping and read logging hold.</summary>
public class DocumentPreviewTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>A document of an inbox item in unit 50.1 with the given bytes as its only version; returns the version id.</summary>
    private async Task<int> AddDocumentAsync(byte[] content, string fileName)
    {
        var store = new DocumentStore(Microsoft.Extensions.Options.Options.Create(app.Data.Options));
        var sha = await store.PutAsync(content);
        await using var db = app.Data.Open(UnitScope.System);
        var unit = await db.OrgUnits.SingleAsync(u => u.Key == "50.1");
        var version = new DocumentVersion { Number = 1, Sha256 = sha, Size = content.Length, MimeType = "image/tiff", FileName = fileName, CreatedAt = DateTime.UtcNow };
        db.InboxItems.Add(new InboxItem
        {
            Number = $"E-2026-8{Random.Shared.Next(1_000_000):D6}", Channel = Channel.EMail, ReceivedAt = DateTime.UtcNow, UnitId = unit.Id, Subject = "Fax", Sender = "Faxserver",
            Documents = [new Document { UnitId = unit.Id, Title = "Fax", CreatedAt = DateTime.UtcNow, Versions = [version] }],
        });
        await db.SaveChangesAsync();
        return version.Id;
    }

    [Fact]
    public async Task A_tiff_is_shown_as_a_pdf_of_all_its_pages_and_the_original_stays_as_it_came()
    {
        var tiff = SimpleTiff.Create(pages: 3);
        var versionId = await AddDocumentAsync(tiff, "fax.tif");
        var clerk = await app.SignedInAsync("clerk");

        var view = await clerk.GetAsync($"/dokumente/{versionId}/ansicht");
        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        Assert.Equal("application/pdf", view.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("inline", view.Content.Headers.ContentDisposition?.ToString());
        var pdf = Encoding.Latin1.GetString(await view.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("%PDF-", pdf);
        Assert.Equal(3, Regex.Matches(pdf, @"/Type\s*/Page\b").Count);
        // Asked again, the kept preview answers: the same bytes.
        Assert.Equal(pdf, Encoding.Latin1.GetString(await clerk.GetByteArrayAsync($"/dokumente/{versionId}/ansicht")));

        var original = await clerk.GetAsync($"/dokumente/{versionId}");
        Assert.Equal("image/tiff", original.Content.Headers.ContentType?.MediaType);
        Assert.Equal(tiff, await original.Content.ReadAsByteArrayAsync());

        // Every look is a logged read.
        await using var db = app.Data.Open(UnitScope.System);
        var documentId = await db.DocumentVersions.Where(v => v.Id == versionId).Select(v => v.DocumentId).SingleAsync();
        Assert.Equal(3, await db.AuditEvents.CountAsync(e => e.EntityType == nameof(Document) && e.EntityId == documentId.ToString() && e.Action == "read" && e.Actor == "clerk"));
    }

    [Fact]
    public async Task A_damaged_tiff_gets_a_clear_answer_and_can_still_be_opened()
    {
        var damaged = SimpleTiff.Create(pages: 1)[..40]; // the header promises pages the file does not hold
        var versionId = await AddDocumentAsync(damaged, "kaputt.tif");
        var clerk = await app.SignedInAsync("clerk");

        var view = await clerk.GetAsync($"/dokumente/{versionId}/ansicht");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, view.StatusCode);
        Assert.Contains("lässt sich nicht anzeigen", await view.Content.ReadAsStringAsync());
        Assert.Equal(damaged, await clerk.GetByteArrayAsync($"/dokumente/{versionId}"));
        // No preview and no half-written file stays behind.
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(damaged));
        Assert.False(File.Exists(Path.Combine(app.Data.Options.PreviewsPath, $"{sha}.pdf")));
        Assert.Empty(Directory.GetFiles(app.Data.Options.PreviewsPath, "*.tmp"));
    }

    [Fact]
    public async Task A_clerk_of_another_unit_gets_nothing()
    {
        var versionId = await AddDocumentAsync(SimpleTiff.Create(pages: 1), "fax.tif");
        var other = await app.SignedInAsync("clerk2");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/dokumente/{versionId}/ansicht")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/dokumente/{versionId}")).StatusCode);
    }
}

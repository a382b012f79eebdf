using System.Net;
using BackOffice.Data;
using BackOffice.Features.Documents;
using BackOffice.Infrastructure;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Scanning;

/// <summary>
/// The check value is checked on every read (TR-RESISCAN): a stored file changed after it was stored is not served as
/// the document; the reader is told, and the attempt is in the audit trail.
/// </summary>
public class ScanIntegrityTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_changed_scan_or_document_file_is_shown_as_damaged_and_audited_never_served()
    {
        var store = app.Services.GetRequiredService<DocumentStore>();
        int scanId, versionId;
        string scanSha, versionSha;
        await using (var db = app.Data.Open(UnitScope.System))
        {
            scanSha = await store.PutAsync(SimplePdf.Create("Scan", [$"Brief {Guid.NewGuid()}"]));
            var batch = new ScanBatch { Scanner = "scanner-1", FileName = "heil.pdf", OriginalName = "heil.pdf", Sha256 = scanSha, Step = ScanStep.ToCheck, TakenAt = DateTime.UtcNow, CapturedAt = DateTime.UtcNow };
            batch.Documents.Add(new ScanDocument { FirstPage = 1, PageCount = 1, SourcePages = "1", PdfSha256 = scanSha, Text = "Brief" });
            db.ScanBatches.Add(batch);
            versionSha = await store.PutAsync(SimplePdf.Create("Bescheid", [$"Bescheid {Guid.NewGuid()}"]));
            var @case = await db.Cases.Where(c => c.Unit!.Key == "50.1").Select(c => new { c.Id, c.UnitId }).FirstAsync();
            var document = new Document
            {
                CaseId = @case.Id, UnitId = @case.UnitId, Title = "Prüfwert", CreatedAt = DateTime.UtcNow,
                Versions = [new DocumentVersion { Number = 1, Sha256 = versionSha, Size = 1, MimeType = "application/pdf", FileName = "pruefwert.pdf", CreatedAt = DateTime.UtcNow }],
            };
            db.Documents.Add(document);
            await db.SaveChangesAsync();
            (scanId, versionId) = (batch.Documents[0].Id, document.Versions[0].Id);
        }
        var mailroom = await app.SignedInAsync("mailroom");
        var clerk = await app.SignedInAsync("clerk");
        Assert.Equal(HttpStatusCode.OK, (await mailroom.GetAsync($"/scanstelle/dokumente/{scanId}/ansicht")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync($"/dokumente/{versionId}")).StatusCode);

        await File.AppendAllTextAsync(store.PathOf(scanSha), "verändert");
        await File.AppendAllTextAsync(store.PathOf(versionSha), "verändert");
        foreach (var (client, url) in new[] { (mailroom, $"/scanstelle/dokumente/{scanId}/ansicht"), (clerk, $"/dokumente/{versionId}"), (clerk, $"/dokumente/{versionId}/download") })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("Prüfwert", body);
            Assert.DoesNotContain("%PDF", body);
        }
        await using (var db = app.Data.Open(UnitScope.System))
        {
            Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "integrity-failed" && e.EntityType == nameof(ScanDocument) && e.EntityId == scanId.ToString() && e.Actor == "mailroom"));
            Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Action == "integrity-failed" && e.EntityType == nameof(Document) && e.Actor == "clerk"));
        }
    }
}

using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml.Linq;
using BackOffice.Data;
using BackOffice.Features.Files;
using BackOffice.Infrastructure;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Files;

public class RetentionTestsOnSqlite(SeededCounty county) : RetentionTests<SeededCounty>(county);

public class RetentionTestsOnMariaDb(SeededMariaDbCounty county) : RetentionTests<SeededMariaDbCounty>(county);

/// <summary>Aussonderung (issue 11) on both engines: package, confirmation, deletion without remains but a tombstone.</summary>
public abstract class RetentionTests<TCounty>(TCounty county) : IClassFixture<TCounty> where TCounty : SeededCounty
{
    [Fact]
    public void A_file_closed_in_a_year_is_kept_to_the_end_of_that_year_plus_its_years()
    {
        var due = Retention.RetainUntil(new DateTime(2016, 3, 10, 9, 0, 0, DateTimeKind.Utc), 10);
        Assert.Equal(new DateTime(2027, 1, 1), Labels.Local(due));
    }

    [Fact]
    public async Task A_due_file_is_exported_then_deleted_on_confirmation_leaving_no_bytes_no_text_and_a_tombstone()
    {
        var retention = new Retention(county.Store);
        var now = DateTime.UtcNow;
        int fileId, caseId;
        string reference, marker = $"Zauberwort{Guid.NewGuid():N}";
        await using (var db = county.Db.Open(UnitScope.System))
        {
            var (rows, count) = await Retention.DueAsync(db, now, 0);
            Assert.True(count >= 4, $"{count} due");
            Assert.All(rows, r => Assert.True(r.RetainUntil <= now));
            var file = rows.First(r => r.ArchivedAt is null);
            (fileId, reference) = (file.Id, file.Reference);
            caseId = await db.Cases.Where(c => c.CaseFileId == fileId).Select(c => c.Id).FirstAsync();
            // A late letter filed in the case, with text the search knows.
            var unit = await db.CaseFiles.Where(f => f.Id == fileId).Select(f => f.UnitId).SingleAsync();
            var pdf = SimplePdf.Create("Nachtrag", [marker]);
            db.InboxItems.Add(new InboxItem
            {
                Number = $"E-2026-6{Random.Shared.Next(1_000_000):D6}", Channel = Channel.Papier, ReceivedAt = now, UnitId = unit, Subject = "Nachtrag", Sender = "Hartmann",
                CaseId = caseId, State = InboxState.Erledigt,
                Documents = [new Document { UnitId = unit, Title = "Nachtrag", CreatedAt = now, Text = marker,
                    Versions = [new DocumentVersion { Number = 1, Sha256 = await county.Store.PutAsync(pdf), Size = pdf.Length, MimeType = "application/pdf", FileName = "Nachtrag.pdf", CreatedAt = now }] }],
            });
            await db.SaveChangesAsync();
            Assert.IsType<RefusedOutcome>(await retention.DeleteAsync(db, fileId, reference, now)); // no package yet
        }

        string[] shas;
        await using (var db = county.Db.Open(UnitScope.System))
        {
            shas = await db.DocumentVersions.Where(v => v.Document!.Case!.CaseFileId == fileId || v.Document!.InboxItem!.Case!.CaseFileId == fileId).Select(v => v.Sha256).ToArrayAsync();
            Assert.NotEmpty(shas);
            var package = await retention.PackageAsync(db, fileId, now);
            Assert.NotNull(package);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(package.Value.Zip)), package.Value.Sha256);
            using var zip = new ZipArchive(new MemoryStream(package.Value.Zip));
            var xml = XDocument.Load(zip.GetEntry("akte.xml")!.Open());
            Assert.Equal(reference, xml.Root!.Element("Akte")!.Element("Aktenzeichen")!.Value);
            foreach (var version in xml.Descendants("Version"))
            {
                // Each document is in the package with the hash the description gives.
                await using var entry = zip.GetEntry(version.Attribute("datei")!.Value)!.Open();
                using var bytes = new MemoryStream();
                await entry.CopyToAsync(bytes);
                Assert.Equal(version.Attribute("sha256")!.Value, Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray())));
            }
            Assert.NotEmpty(xml.Descendants("Version"));
            // A case of another file of the county is not due: no package.
            var open = await db.CaseFiles.Where(f => f.RetainUntil == null).Select(f => f.Id).FirstAsync();
            Assert.Null(await retention.PackageAsync(db, open, now));
            Assert.IsType<RefusedOutcome>(await retention.DeleteAsync(db, open, "egal", now));
        }

        await using (var db = county.Db.Open(UnitScope.System))
        {
            db.Actor = "admin";
            var wrong = await retention.DeleteAsync(db, fileId, reference + "x", now);
            Assert.Contains("genau so eingeben", wrong.Message);
            Assert.True(await db.CaseFiles.AnyAsync(f => f.Id == fileId));
            var done = await retention.DeleteAsync(db, fileId, reference, now);
            Assert.True(done.IsDone, done.Message);
        }

        await using (var check = county.Db.Open(UnitScope.System))
        {
            Assert.False(await check.CaseFiles.AnyAsync(f => f.Id == fileId));
            Assert.False(await check.Cases.AnyAsync(c => c.Id == caseId));
            Assert.False(await check.InboxItems.AnyAsync(i => i.CaseId == caseId));
            Assert.False(await check.Documents.AnyAsync(d => d.Text != null && d.Text.Contains(marker)));
            Assert.False(await check.DocumentVersions.AnyAsync(v => shas.Contains(v.Sha256)));
            var tombstone = await check.DeletedFiles.SingleAsync(d => d.Reference == reference);
            Assert.Equal("admin", tombstone.DeletedBy);
            Assert.Equal(64, tombstone.PackageSha256.Length);
            if (!county.Db.IsMariaDb)
            {
                // SQLite's full-text index (inbox items with their case's documents) has nothing of it left.
                var query = $"\"{marker}\"";
                var hits = await check.Database.SqlQuery<int>($"SELECT count(*) AS Value FROM InboxSearch WHERE InboxSearch MATCH {query}").SingleAsync();
                Assert.Equal(0, hits);
            }
        }
        Assert.All(shas, sha => Assert.False(county.Store.Exists(sha), $"{sha} still in the store"));
    }
}

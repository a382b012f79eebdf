using BackOffice.Data;
using BackOffice.Features.Files;
using BackOffice.Infrastructure;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Files;

public class HeaderSearchTestsOnSqlite(SeededCounty county) : HeaderSearchTests<SeededCounty>(county);

public class HeaderSearchTestsOnMariaDb(SeededMariaDbCounty county) : HeaderSearchTests<SeededMariaDbCounty>(county);

/// <summary>The header search (issue 11) on both engines: words in documents, files and cases by name, only in the user's units.</summary>
public abstract class HeaderSearchTests<TCounty>(TCounty county) : IClassFixture<TCounty> where TCounty : SeededCounty
{
    [Fact]
    public async Task Words_of_a_document_find_it_with_a_marked_snippet_for_its_unit_and_for_nobody_else()
    {
        var unit = await county.UnitIdAsync("50.1");
        var word = $"Zaunkönig{Random.Shared.Next(100_000, 999_999)}";
        int caseId, documentId;
        await using (var db = county.Db.Open(UnitScope.System))
        {
            caseId = await db.Cases.Where(c => c.UnitId == unit).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            var document = new Document
            {
                CaseId = caseId, UnitId = unit, Title = "Stellungnahme Gemeinde", CreatedAt = DateTime.UtcNow, Type = DocumentType.Schreiben,
                Text = $"Die Gemeinde bestätigt, dass der {word} im Garten des Grundstücks brütet. Weitere Prüfung nicht erforderlich.",
                Versions = [new DocumentVersion { Number = 1, Sha256 = new string('a', 64), Size = 1, MimeType = "application/pdf", FileName = "Stellungnahme.pdf", CreatedAt = DateTime.UtcNow }],
            };
            db.Documents.Add(document);
            await db.SaveChangesAsync();
            documentId = document.Id;
        }
        await using (var db = county.Db.Open(UnitScope.Of([unit])))
        {
            // Two words, one of them only the beginning, in another case than written.
            var result = await HeaderSearch.RunAsync(db, $"{word[..^2].ToLowerInvariant()} grundstück");
            var hit = Assert.Single(result.Documents, d => d.Id == documentId);
            Assert.Equal(caseId, hit.CaseId);
            Assert.Contains(hit.Snippet, p => p.Hit && p.Text.StartsWith(word[..^2], StringComparison.OrdinalIgnoreCase));
            Assert.Contains(hit.Snippet, p => p.Hit && p.Text.Equals("Grundstück", StringComparison.OrdinalIgnoreCase));
            Assert.Empty((await HeaderSearch.RunAsync(db, $"{word} Elefant")).Documents);
        }
        await using (var other = county.Db.Open(UnitScope.Of([await county.UnitIdAsync("50.2")])))
            Assert.DoesNotContain((await HeaderSearch.RunAsync(other, word)).Documents, d => d.Id == documentId);
        // A changed text is searched as changed; a deleted document is gone from the index.
        await using (var db = county.Db.Open(UnitScope.System))
        {
            var d = await db.Documents.SingleAsync(x => x.Id == documentId);
            d.Text = "Neuer Text ohne das Wort.";
            await db.SaveChangesAsync();
        }
        await using (var db = county.Db.Open(UnitScope.Of([unit])))
            Assert.Empty((await HeaderSearch.RunAsync(db, word)).Documents);
    }

    [Fact]
    public async Task Files_and_cases_are_found_by_applicant_and_aktenzeichen_and_a_common_word_pages_newest_first()
    {
        var unit = await county.UnitIdAsync("50.1");
        await using var db = county.Db.Open(UnitScope.Of([unit]));
        var file = await db.CaseFiles.Where(f => f.UnitId == unit).OrderByDescending(f => f.Id).Select(f => new { f.Reference, f.ApplicantName }).FirstAsync();
        var byName = await HeaderSearch.RunAsync(db, file.ApplicantName!);
        Assert.Contains(byName.Files, f => f.Reference == file.Reference);
        var byReference = await HeaderSearch.RunAsync(db, file.Reference);
        Assert.Contains(byReference.Files, f => f.Reference == file.Reference);
        Assert.Contains(byReference.Cases, c => c.Reference.StartsWith(file.Reference));

        // "Antrag" is in many demo documents: pages of 20, newest first, no page repeating another's.
        var first = await HeaderSearch.RunAsync(db, "Antrag");
        Assert.Equal(HeaderSearch.PageSize, first.Documents.Count);
        Assert.True(first.MoreDocuments);
        var second = await HeaderSearch.RunAsync(db, "Antrag", HeaderSearch.PageSize);
        Assert.Empty(first.Documents.Select(d => d.Id).Intersect(second.Documents.Select(d => d.Id)));
        Assert.True(first.Documents.Min(d => d.Id) > second.Documents.Max(d => d.Id));
        Assert.Empty((await HeaderSearch.RunAsync(db, "x")).Documents); // too short to search
    }
}

using BackOffice.Data;
using BackOffice.Features.Documents;
using BackOffice.Infrastructure;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Documents;

public class CaseDocumentsTestsOnSqlite(SeededCounty county) : CaseDocumentsTests<SeededCounty>(county);

public class CaseDocumentsTestsOnMariaDb(SeededMariaDbCounty county) : CaseDocumentsTests<SeededMariaDbCounty>(county);

/// <summary>Documents of a case (issue 11) on both engines: several at once or none, versions that keep the old ones, type and title.</summary>
public abstract class CaseDocumentsTests<TCounty>(TCounty county) : IClassFixture<TCounty> where TCounty : SeededCounty
{
    /// <summary>An open case of 50.1: the first or the last, so that the two tests never share one.</summary>
    private async Task<(int CaseId, int Unit)> OpenCaseAsync(bool last = false)
    {
        var unit = await county.UnitIdAsync("50.1");
        await using var db = county.Db.Open(UnitScope.System);
        var open = db.Cases.Where(c => c.UnitId == unit && c.Status < CaseStatus.Entschieden);
        var id = await (last ? open.OrderByDescending(c => c.Id) : open.OrderBy(c => c.Id)).Select(c => c.Id).FirstAsync();
        return (id, unit);
    }

    private static PickedFiles.File Pdf(string name, string text) => new(name, SimplePdf.Create(text, [text]));

    [Fact]
    public async Task Files_are_added_all_or_none_with_their_german_names_and_a_new_version_keeps_the_old_one_readable()
    {
        var (caseId, unit) = await OpenCaseAsync();
        var documents = new CaseDocuments(county.Store);
        await using (var db = county.Db.Open(UnitScope.Of([unit])))
        {
            // One file is no PDF (a renamed text file): nothing is added.
            var refused = await documents.AddAsync(db, null, caseId, DocumentType.Nachweis,
                [Pdf("Gehaltsnachweis März.pdf", "März"), new PickedFiles.File("Übersicht.pdf", "kein pdf"u8.ToArray())]);
            Assert.IsType<RefusedOutcome>(refused);
            Assert.Contains("„Übersicht.pdf“", refused.Message);
            Assert.False(await db.Documents.AnyAsync(d => d.CaseId == caseId && d.Title == "Gehaltsnachweis März"));

            // A damaged PDF (it starts like one, then nothing readable follows): refused by name, nothing added.
            var damaged = await documents.AddAsync(db, null, caseId, DocumentType.Nachweis,
                [Pdf("Gehaltsnachweis März.pdf", "März"), new PickedFiles.File("defekt Ü.pdf", [.. "%PDF-1.7\n"u8.ToArray(), .. new byte[2048]])]);
            Assert.Equal("„defekt Ü.pdf“ ist beschädigt oder kein lesbares PDF. Es wurde nichts hinzugefügt.", damaged.Message);
            Assert.False(await db.Documents.AnyAsync(d => d.CaseId == caseId && d.Title == "Gehaltsnachweis März"));

            var added = await documents.AddAsync(db, null, caseId, DocumentType.Nachweis, [Pdf("Gehaltsnachweis März.pdf", "März"), Pdf("Größenangaben Grundstück.pdf", "Größe")]);
            Assert.True(added.IsDone, added.Message);
        }
        int docId;
        string firstSha;
        await using (var db = county.Db.Open(UnitScope.Of([unit])))
        {
            var doc = await db.Documents.Include(d => d.Versions).SingleAsync(d => d.CaseId == caseId && d.Title == "Gehaltsnachweis März");
            Assert.Equal((DocumentType.Nachweis, "Gehaltsnachweis März.pdf"), (doc.Type, doc.Versions.Single().FileName));
            (docId, firstSha) = (doc.Id, doc.Versions.Single().Sha256);
            Assert.True(await db.Documents.AnyAsync(d => d.CaseId == caseId && d.Title == "Größenangaben Grundstück"));

            Assert.IsType<RefusedOutcome>(await documents.AddVersionAsync(db, null, docId, new PickedFiles.File("x.pdf", "GIF89a"u8.ToArray())));
            var second = await documents.AddVersionAsync(db, null, docId, Pdf("Gehaltsnachweis März korrigiert.pdf", "März korrigiert"));
            Assert.True(second.IsDone, second.Message);
            Assert.Contains("Version 2", second.Message);
        }
        await using (var db = county.Db.Open(UnitScope.Of([unit])))
        {
            var versions = await db.DocumentVersions.Where(v => v.DocumentId == docId).OrderBy(v => v.Number).ToListAsync();
            Assert.Equal([1, 2], versions.Select(v => v.Number));
            Assert.Equal(firstSha, versions[0].Sha256);
            Assert.True(county.Store.Exists(versions[0].Sha256) && county.Store.Exists(versions[1].Sha256));
            Assert.Null((await db.Documents.SingleAsync(d => d.Id == docId)).Text); // read again for the search

            Assert.IsType<RefusedOutcome>(await CaseDocuments.DescribeAsync(db, docId, "  ", DocumentType.Antrag));
            Assert.IsType<RefusedOutcome>(await CaseDocuments.DescribeAsync(db, docId, "x", (DocumentType)42));
            Assert.True((await CaseDocuments.DescribeAsync(db, docId, "Einkommensnachweis März", DocumentType.Nachweis)).IsDone);
        }
        // Another unit finds neither the case nor the document.
        await using (var other = county.Db.Open(UnitScope.Of([await county.UnitIdAsync("50.2")])))
        {
            Assert.IsType<RefusedOutcome>(await documents.AddAsync(other, null, caseId, DocumentType.Nachweis, [Pdf("a.pdf", "a")]));
            Assert.IsType<RefusedOutcome>(await documents.AddVersionAsync(other, null, docId, Pdf("b.pdf", "b")));
            Assert.IsType<RefusedOutcome>(await CaseDocuments.DescribeAsync(other, docId, "fremd", DocumentType.Antrag));
        }
    }

    [Fact]
    public async Task A_closed_case_takes_no_documents_until_reopened()
    {
        var (caseId, unit) = await OpenCaseAsync(last: true);
        await using (var db = county.Db.Open(UnitScope.System))
        {
            var c = await db.Cases.SingleAsync(x => x.Id == caseId);
            c.Status = CaseStatus.Abgeschlossen;
            await db.SaveChangesAsync();
        }
        await using var scoped = county.Db.Open(UnitScope.Of([unit]));
        var refused = await new CaseDocuments(county.Store).AddAsync(scoped, null, caseId, DocumentType.Nachweis, [Pdf("spät.pdf", "spät")]);
        Assert.Contains("wieder aufnehmen", refused.Message);
    }
}

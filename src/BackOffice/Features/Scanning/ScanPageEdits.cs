using BackOffice.Data;
using BackOffice.Features.Documents;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Scanning;

/// <summary>
/// What the mail room changes in a document before confirming it: turn a page, remove a page, split the document
/// before a page, or merge it with the next document of the same batch. Each change writes a new PDF/A (pikepdf, from
/// the stored one) into the store and points the document at it; the earlier file is left to the store's sweep. The
/// proposal is made again from the new text where the pages changed.
/// </summary>
public sealed class ScanPageEdits(IDbContextFactory<BackOfficeDb> factory, DocumentStore store, ScanLearning learning, ScanEvents events,
    Microsoft.Extensions.Options.IOptions<BackOfficeOptions> options)
{
    public Task<Outcome> RotateAsync(int documentId, int page, string actor, CancellationToken ct = default) =>
        EditAsync(documentId, actor, async (db, doc, pdf, work) =>
        {
            if (page < 1 || page > doc.PageCount) return Outcome.Refused("Diese Seite gibt es im Dokument nicht.");
            if (await ComposeAsync(work, Enumerable.Range(1, doc.PageCount).Select(p => new ScanPdf.Page(pdf, p, p == page ? 90 : 0)).ToList(), ct) is not { } file)
                return Failed;
            await PointAtAsync(doc, file, ct);
            return Outcome.Done($"Seite {page} ist gedreht.");
        }, ct);

    public Task<Outcome> RemovePageAsync(int documentId, int page, string actor, CancellationToken ct = default) =>
        EditAsync(documentId, actor, async (db, doc, pdf, work) =>
        {
            if (page < 1 || page > doc.PageCount) return Outcome.Refused("Diese Seite gibt es im Dokument nicht.");
            if (doc.PageCount == 1) return Outcome.Refused("Das Dokument hat nur diese Seite. Ist es ganz falsch, bitte „Neu scannen“ wählen.");
            var keep = Enumerable.Range(1, doc.PageCount).Where(p => p != page).ToList();
            if (await ComposeAsync(work, keep.Select(p => new ScanPdf.Page(pdf, p)).ToList(), ct) is not { } file) return Failed;
            var sources = SourcePages(doc);
            sources.RemoveAt(page - 1);
            await PointAtAsync(doc, file, ct);
            (doc.PageCount, doc.SourcePages, doc.FirstPage) = (keep.Count, ScanSeparators.Ranges(sources), sources[0]);
            await ProposeAgainAsync(db, doc, file, ct);
            return Outcome.Done($"Seite {page} ist entfernt.");
        }, ct);

    /// <summary>Splits before <paramref name="page"/>: the pages from there on become a document of their own, checked next.</summary>
    public Task<Outcome> SplitAsync(int documentId, int page, string actor, CancellationToken ct = default) =>
        EditAsync(documentId, actor, async (db, doc, pdf, work) =>
        {
            if (page < 2 || page > doc.PageCount) return Outcome.Refused("Trennen geht vor der zweiten bis letzten Seite.");
            var first = await ComposeAsync(work, Enumerable.Range(1, page - 1).Select(p => new ScanPdf.Page(pdf, p)).ToList(), ct);
            var second = await ComposeAsync(work, Enumerable.Range(page, doc.PageCount - page + 1).Select(p => new ScanPdf.Page(pdf, p)).ToList(), ct);
            if (first is null || second is null) return Failed;
            var sources = SourcePages(doc);
            var rest = new ScanDocument
            {
                BatchId = doc.BatchId, FirstPage = sources[page - 1], PageCount = sources.Count - page + 1, SourcePages = ScanSeparators.Ranges(sources.Skip(page - 1)),
                PdfSha256 = "", QualitySample = doc.QualitySample, ProposedUnitId = doc.ProposedUnitId, ProposedServiceId = doc.ProposedServiceId,
                ProposedCaseId = doc.ProposedCaseId, ProposalReason = doc.ProposalReason, Confidence = doc.Confidence,
            };
            await PointAtAsync(rest, second, ct);
            await PointAtAsync(doc, first, ct);
            (doc.PageCount, doc.SourcePages) = (page - 1, ScanSeparators.Ranges(sources.Take(page - 1)));
            await ProposeAgainAsync(db, doc, first, ct);
            await ProposeAgainAsync(db, rest, second, ct);
            db.ScanDocuments.Add(rest);
            return Outcome.Done($"Getrennt: Die Seiten ab Seite {page} sind ein eigenes Dokument und kommen als nächstes.");
        }, ct);

    /// <summary>Appends the next document of the same batch (still to check) to this one.</summary>
    public Task<Outcome> MergeWithNextAsync(int documentId, string actor, CancellationToken ct = default) =>
        EditAsync(documentId, actor, async (db, doc, pdf, work) =>
        {
            var next = await db.ScanDocuments.Where(d => d.BatchId == doc.BatchId && d.State == ScanDocumentState.ToCheck && d.Id != doc.Id && d.FirstPage > doc.FirstPage)
                .OrderBy(d => d.FirstPage).FirstOrDefaultAsync(ct);
            if (next is null) return Outcome.Refused("Nach diesem Dokument kommt im Stapel keines mehr, das noch zu prüfen ist.");
            var nextPdf = store.PathOf(next.PdfSha256);
            if (!store.Exists(next.PdfSha256)) return Failed;
            var pages = Enumerable.Range(1, doc.PageCount).Select(p => new ScanPdf.Page(pdf, p))
                .Concat(Enumerable.Range(1, next.PageCount).Select(p => new ScanPdf.Page(nextPdf, p))).ToList();
            if (await ComposeAsync(work, pages, ct) is not { } file) return Failed;
            await PointAtAsync(doc, file, ct);
            (doc.PageCount, doc.SourcePages) = (doc.PageCount + next.PageCount, ScanSeparators.Ranges(SourcePages(doc).Concat(SourcePages(next))));
            doc.BlankPagesDropped += next.BlankPagesDropped;
            doc.QualitySample |= next.QualitySample;
            db.ScanDocuments.Remove(next);
            await ProposeAgainAsync(db, doc, file, ct);
            return Outcome.Done($"Zusammengeführt: Das Dokument hat jetzt {doc.PageCount} Seiten.");
        }, ct);

    private static readonly Outcome Failed = Outcome.Refused("Die Seiten ließen sich nicht neu zusammenstellen; bitte noch einmal versuchen.");

    private async Task<Outcome> EditAsync(int documentId, string actor, Func<BackOfficeDb, ScanDocument, string, string, Task<Outcome>> edit, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        (db.Scope, db.Actor) = (UnitScope.System, actor);
        var doc = await db.ScanDocuments.SingleOrDefaultAsync(d => d.Id == documentId, ct);
        if (doc is null) return Outcome.Refused("Dieses Dokument gibt es nicht mehr.");
        if (doc.State != ScanDocumentState.ToCheck) return Outcome.Stale("Dieses Dokument ist inzwischen geprüft worden.");
        if (!store.Exists(doc.PdfSha256) || !await store.IsIntactAsync(doc.PdfSha256, ct)) return Outcome.Refused(DocumentStore.Damaged);
        var work = Path.Combine(options.Value.ScanWorkPath, $"edit-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var outcome = await edit(db, doc, store.PathOf(doc.PdfSha256), work);
            if (outcome.IsDone) await db.SaveChangesAsync(ct);
            events.Publish();
            return outcome;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<string?> ComposeAsync(string work, IReadOnlyList<ScanPdf.Page> pages, CancellationToken ct)
    {
        var file = Path.Combine(work, $"{Guid.NewGuid():N}.pdf");
        return await ScanPdf.ComposeAsync(file, pages, ct) ? file : null;
    }

    private async Task PointAtAsync(ScanDocument doc, string file, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(file, ct);
        (doc.PdfSha256, doc.PdfSize) = (await store.PutAsync(bytes, ct), bytes.Length);
    }

    private async Task ProposeAgainAsync(BackOfficeDb db, ScanDocument doc, string file, CancellationToken ct)
    {
        var text = await ExternalTool.RunAsync("pdftotext", ["-enc", "UTF-8", file, "-"], TimeSpan.FromMinutes(2), ct);
        doc.Text = PlainText.Fit(text.Succeeded ? text.Output : "", DocumentConfiguration.MaxTextLength);
        // A separator sheet's target stays: it came from the mail room, not from the text.
        if (doc.ProposalReason?.StartsWith("Trennblatt", StringComparison.Ordinal) == true) return;
        var proposal = await ScanProposals.FindAsync(db, doc.Text, null, learning, ct);
        (doc.ProposedUnitId, doc.ProposedServiceId, doc.ProposedCaseId, doc.ProposalReason, doc.Confidence) =
            (proposal.UnitId, proposal.ServiceId, proposal.CaseId, proposal.Reason, proposal.Confidence);
    }

    /// <summary>The batch's page numbers of a document, one per page.</summary>
    public static List<int> SourcePages(ScanDocument doc)
    {
        var pages = ScanSeparators.Pages(doc.SourcePages);
        // Documents read before pages were recorded: count from the first page.
        return pages.Count == doc.PageCount ? pages : Enumerable.Range(doc.FirstPage, doc.PageCount).ToList();
    }
}

using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml.Linq;
using BackOffice.Data;
using BackOffice.Features.Documents;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Files;

/// <summary>
/// Aussonderung (issue 11): closed files whose retention has run out. The administration exports each as an archive
/// package (a zip: an XML description in the spirit of xdomea, and the documents with their SHA-256), then deletes it:
/// the rows go, the document bytes leave the store, a tombstone (Aktenzeichen, dates, who, package hash) stays.
/// Runs on a context without unit scope, but only ever touches files that are due.
/// </summary>
public sealed class Retention(DocumentStore store)
{
    public const int PageSize = 50;

    /// <summary>Kept to the end of the closing year plus the file plan's years: due on the first day after.</summary>
    public static DateTime RetainUntil(DateTime closedAtUtc, int years) => LocalDays.Start(new DateOnly(Labels.Local(closedAtUtc).Year + years + 1, 1, 1));

    public sealed record Due(int Id, string Reference, string Unit, string PlanCode, DateTime ClosedAt, DateTime RetainUntil, int Cases, DateTime? ArchivedAt);

    private static IQueryable<CaseFile> DueFiles(BackOfficeDb db, DateTime now) => db.CaseFiles.Where(f => f.RetainUntil != null && f.RetainUntil <= now);

    public static async Task<(IReadOnlyList<Due> Rows, int Count)> DueAsync(BackOfficeDb db, DateTime now, int skip, CancellationToken ct = default)
    {
        var due = DueFiles(db, now).AsNoTracking();
        var rows = await due.OrderBy(f => f.RetainUntil).ThenBy(f => f.Id).Skip(skip).Take(PageSize)
            .Select(f => new Due(f.Id, f.Reference, f.Unit!.Name, f.FilePlanEntry!.Code, f.ClosedAt!.Value, f.RetainUntil!.Value, f.Cases.Count, f.ArchivedAt))
            .ToListAsync(ct);
        return (rows, await due.CountAsync(ct));
    }

    /// <summary>The archive package of a due file, and its SHA-256, which the file keeps until it is deleted. Null when the file is not due.</summary>
    public async Task<(byte[] Zip, string Sha256, string FileName)?> PackageAsync(BackOfficeDb db, int fileId, DateTime now, CancellationToken ct = default)
    {
        var file = await DueFiles(db, now).Include(f => f.FilePlanEntry).Include(f => f.Unit).SingleOrDefaultAsync(f => f.Id == fileId, ct);
        if (file is null) return null;
        var cases = await db.Cases.AsNoTracking().AsSplitQuery().Where(c => c.CaseFileId == fileId).OrderBy(c => c.Id)
            .Include(c => c.StatusChanges).Include(c => c.Notes).Include(c => c.Service).Include(c => c.Documents).ThenInclude(d => d.Versions).ToListAsync(ct);

        using var zip = new MemoryStream();
        var xml = new XElement("Aussonderung",
            new XAttribute("erstellt", now.ToString("o")), new XAttribute("hinweis", "Aufbau angelehnt an xdomea (Akte, Vorgang, Dokument, Version)"));
        var akte = new XElement("Akte",
            new XElement("Aktenzeichen", file.Reference), new XElement("Titel", file.Title),
            new XElement("Aktenplan", new XAttribute("kennzeichen", file.FilePlanEntry!.Code), new XAttribute("aufbewahrungJahre", file.FilePlanEntry.RetentionYears), file.FilePlanEntry.Title),
            new XElement("Organisationseinheit", file.Unit!.Name), new XElement("Angelegt", file.CreatedAt.ToString("o")), new XElement("Geschlossen", file.ClosedAt?.ToString("o")),
            new XElement("Antragsteller", new XElement("Name", file.ApplicantName), new XElement("Geburtsdatum", file.ApplicantBirthDate?.ToString("yyyy-MM-dd")), new XElement("Anschrift", file.ApplicantAddress)));
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var c in cases)
            {
                var vorgang = new XElement("Vorgang", new XElement("Aktenzeichen", c.Reference), new XElement("Betreff", c.Subject), new XElement("Leistung", c.Service?.Name),
                    new XElement("Eingang", c.ReceivedAt.ToString("o")), new XElement("Status", Labels.Of(c.Status)),
                    c.StatusChanges.OrderBy(s => s.ChangedAt).Select(s => new XElement("Statuswechsel", new XAttribute("am", s.ChangedAt.ToString("o")), new XAttribute("status", Labels.Of(s.Status)), s.Reason)),
                    c.Notes.OrderBy(n => n.CreatedAt).Select(n => new XElement("Vermerk", new XAttribute("am", n.CreatedAt.ToString("o")), new XAttribute("von", n.AuthorName), n.Text)));
                foreach (var d in c.Documents.OrderBy(d => d.CreatedAt))
                {
                    var dokument = new XElement("Dokument", new XElement("Titel", d.Title), new XElement("Art", Labels.Of(d.Type)),
                        d.TransferNote is null ? null : new XElement("Transfervermerk", d.TransferNote));
                    foreach (var v in d.Versions.OrderBy(v => v.Number))
                    {
                        var path = $"dokumente/{d.Id}-v{v.Number}-{PlainText.FileName(v.FileName).Replace('/', '_')}";
                        var entry = archive.CreateEntry(path, CompressionLevel.Fastest);
                        await using (var target = entry.Open())
                        await using (var source = store.OpenRead(v.Sha256))
                            await source.CopyToAsync(target, ct);
                        dokument.Add(new XElement("Version", new XAttribute("nummer", v.Number), new XAttribute("datei", path), new XAttribute("sha256", v.Sha256),
                            new XAttribute("groesse", v.Size), new XAttribute("mimeType", v.MimeType), new XAttribute("erstellt", v.CreatedAt.ToString("o"))));
                    }
                    vorgang.Add(dokument);
                }
                akte.Add(vorgang);
            }
            xml.Add(akte);
            var description = archive.CreateEntry("akte.xml", CompressionLevel.Optimal);
            await using var stream = description.Open();
            await new XDocument(new XDeclaration("1.0", "utf-8", null), xml).SaveAsync(stream, SaveOptions.None, ct);
        }
        var bytes = zip.ToArray();
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        (file.ArchivePackageSha256, file.ArchivedAt) = (sha, now);
        db.LogEvent("archive-exported", nameof(CaseFile), file.Id.ToString(), file.UnitId, sha);
        await db.SaveChangesAsync(ct);
        return (bytes, sha, $"Aussonderung_{file.Reference.Replace('/', '-')}.zip");
    }

    /// <summary>
    /// Deletes a due file whose package was exported, on confirmation by its Aktenzeichen: its cases, their notes, letters,
    /// inbox items, portal records and documents, then the bytes no other document names. Cannot be undone.
    /// </summary>
    public async Task<Outcome> DeleteAsync(BackOfficeDb db, int fileId, string? confirmedReference, DateTime now, CancellationToken ct = default)
    {
        var started = DateTime.UtcNow;
        var file = await DueFiles(db, now).SingleOrDefaultAsync(f => f.Id == fileId, ct);
        if (file is null) return Outcome.Refused("Diese Akte ist nicht zur Aussonderung fällig (oder schon gelöscht).");
        if (file.ArchivePackageSha256 is null) return Outcome.Refused($"Bitte zuerst das Aussonderungspaket der Akte {file.Reference} herunterladen und archivieren; erst dann kann sie gelöscht werden.");
        if (!string.Equals(confirmedReference?.Trim(), file.Reference, StringComparison.Ordinal))
            return Outcome.Refused($"Zur Bestätigung bitte das Aktenzeichen {file.Reference} genau so eingeben. Es wurde nichts gelöscht.");

        var caseIds = await db.Cases.Where(c => c.CaseFileId == fileId).Select(c => c.Id).ToListAsync(ct);
        var itemIds = await db.InboxItems.Where(i => i.CaseId != null && caseIds.Contains(i.CaseId.Value)).Select(i => i.Id).ToListAsync(ct);
        var documents = db.Documents.Where(d => d.CaseId != null && caseIds.Contains(d.CaseId.Value) || d.InboxItemId != null && itemIds.Contains(d.InboxItemId.Value));
        var shas = await documents.SelectMany(d => d.Versions).Select(v => v.Sha256).Distinct().ToListAsync(ct);
        var documentCount = await documents.CountAsync(ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Letters.Where(l => caseIds.Contains(l.CaseId)).ExecuteDeleteAsync(ct);
        await db.OutboxMessages.Where(m => caseIds.Contains(m.CaseId)).ExecuteDeleteAsync(ct);
        await db.Submissions.Where(s => caseIds.Contains(s.CaseId)).ExecuteDeleteAsync(ct);
        await db.DocumentVersions.Where(v => documents.Any(d => d.Id == v.DocumentId)).ExecuteDeleteAsync(ct);
        await documents.ExecuteDeleteAsync(ct);
        await db.InboxItems.Where(i => itemIds.Contains(i.Id)).ExecuteDeleteAsync(ct);
        await db.CaseNotes.Where(n => caseIds.Contains(n.CaseId)).ExecuteDeleteAsync(ct);
        await db.CaseStatusChanges.Where(s => caseIds.Contains(s.CaseId)).ExecuteDeleteAsync(ct);
        await db.Cases.Where(c => c.CaseFileId == fileId).ExecuteDeleteAsync(ct);
        await db.CaseFiles.Where(f => f.Id == fileId).ExecuteDeleteAsync(ct);
        db.DeletedFiles.Add(new DeletedFile
        {
            Reference = file.Reference, UnitId = file.UnitId, CreatedAt = file.CreatedAt, ClosedAt = file.ClosedAt, DeletedAt = now, DeletedBy = db.Actor,
            PackageSha256 = file.ArchivePackageSha256, Cases = caseIds.Count, Documents = documentCount,
        });
        db.Entry(file).State = EntityState.Detached; // gone already; not to be updated
        db.LogEvent("file-deleted", nameof(CaseFile), file.Id.ToString(), file.UnitId, $"{file.Reference}: {caseIds.Count} Vorgänge, {documentCount} Dokumente, Paket {file.ArchivePackageSha256}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        // The bytes last: only those no remaining version names (the store keeps one file per content), and not those a
        // writer stored again since the deletion began (it touches them before writing the row that names them).
        var stillNamed = await db.DocumentVersions.IgnoreQueryFilters().Where(v => shas.Contains(v.Sha256)).Select(v => v.Sha256).Distinct().ToListAsync(ct);
        foreach (var sha in shas.Except(stillNamed)) await store.DeleteIfUntouchedAsync(sha, started, ct);
        return Outcome.Done($"Die Akte {file.Reference} ist gelöscht: {Labels.Count(caseIds.Count, "Vorgang", "Vorgänge")}, {Labels.Count(documentCount, "Dokument", "Dokumente")}. Es bleibt ein Nachweis mit dem Hash des Pakets.");
    }
}

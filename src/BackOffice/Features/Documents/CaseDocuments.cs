using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Documents;

/// <summary>
/// A case's documents (issue 11): add several at once, upload a new version (older ones stay readable), set type and
/// title. A plain class on an opened, scoped context: a case or document of another unit is not found.
/// </summary>
public sealed class CaseDocuments(DocumentStore store)
{
    public const int MaxTitleLength = 300;

    /// <summary>Adds the files as documents of the case, all or none.</summary>
    public async Task<Outcome> AddAsync(BackOfficeDb db, string? userId, int caseId, DocumentType type, IReadOnlyList<PickedFiles.File> files, CancellationToken ct = default)
    {
        if (files.Count > PickedFiles.DefaultMaxFiles) return Outcome.Refused($"Bitte höchstens {PickedFiles.DefaultMaxFiles} Dateien auf einmal wählen. Es wurde nichts hinzugefügt.");
        var (typed, refused) = await NewDocuments.CheckAsync(files, ct);
        if (refused is not null) return Outcome.Refused($"{refused} Es wurde nichts hinzugefügt.");
        var @case = await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return Outcome.Refused(Files.CaseWork.CaseNotFound);
        if (@case.Status == CaseStatus.Abgeschlossen) return Outcome.Refused($"{@case.Reference} ist zu den Akten verfügt. Bitte den Vorgang erst wieder aufnehmen.");
        var now = DateTime.UtcNow;
        var versions = await NewDocuments.StoreAsync(store, typed, now, userId, ct); // bytes before rows
        foreach (var v in versions)
            db.Documents.Add(new Document { CaseId = caseId, UnitId = @case.UnitId, Title = NewDocuments.TitleOf(v), Type = type, CreatedAt = now, Versions = [v] });
        await db.SaveChangesAsync(ct); // one transaction: all documents or none
        return Outcome.Done(versions.Count == 1 ? $"„{NewDocuments.TitleOf(versions[0])}“ ist dem Vorgang hinzugefügt." : $"{versions.Count} Dokumente sind dem Vorgang hinzugefügt.");
    }

    /// <summary>Adds a new version of the document; it becomes the one shown, the older ones stay readable.</summary>
    public async Task<Outcome> AddVersionAsync(BackOfficeDb db, string? userId, int documentId, PickedFiles.File file, CancellationToken ct = default)
    {
        var (typed, refused) = await NewDocuments.CheckAsync([file], ct);
        if (refused is not null) return Outcome.Refused($"{refused} Die bisherige Version bleibt die aktuelle.");
        var doc = await db.Documents.Include(d => d.Case).SingleOrDefaultAsync(d => d.Id == documentId, ct);
        if (doc?.Case is null) return Outcome.Refused("Dieses Dokument gibt es nicht in Ihren Organisationseinheiten.");
        if (doc.Case.Status == CaseStatus.Abgeschlossen) return Outcome.Refused($"{doc.Case.Reference} ist zu den Akten verfügt. Bitte den Vorgang erst wieder aufnehmen.");
        var version = (await NewDocuments.StoreAsync(store, typed, DateTime.UtcNow, userId, ct))[0];
        version.Number = await db.DocumentVersions.Where(v => v.DocumentId == documentId).MaxAsync(v => v.Number, ct) + 1;
        version.DocumentId = documentId;
        db.DocumentVersions.Add(version);
        doc.Text = null; // the text reader reads the new version for the search
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) // someone else added a version with the same number at the same moment
        {
            return Outcome.Stale($"Zu „{doc.Title}“ ist gerade eine andere neue Version gespeichert worden. Bitte prüfen und, wenn nötig, noch einmal hochladen.");
        }
        return Outcome.Done($"Version {version.Number} von „{doc.Title}“ ist gespeichert; die älteren bleiben lesbar.");
    }

    /// <summary>Changes title and type of a case document.</summary>
    public static async Task<Outcome> DescribeAsync(BackOfficeDb db, int documentId, string? title, DocumentType type, CancellationToken ct = default)
    {
        title = PlainText.Clean(title) ?? "";
        if (title.Length == 0) return Outcome.Refused("Bitte einen Titel angeben.");
        if (title.Length > MaxTitleLength) return Outcome.Refused($"Der Titel ist {title.Length:N0} Zeichen lang; höchstens {MaxTitleLength} sind möglich.");
        if (!Enum.IsDefined(type)) return Outcome.Refused("Bitte eine Dokumentart aus der Liste wählen.");
        var doc = await db.Documents.SingleOrDefaultAsync(d => d.Id == documentId && d.CaseId != null, ct);
        if (doc is null) return Outcome.Refused("Dieses Dokument gibt es nicht in Ihren Organisationseinheiten.");
        if (doc.Title == title && doc.Type == type) return Outcome.Stale("Titel und Art sind unverändert.");
        (doc.Title, doc.Type) = (title, type);
        await db.SaveChangesAsync(ct);
        return Outcome.Done($"„{title}“ ist gespeichert ({Labels.Of(type)}).");
    }
}

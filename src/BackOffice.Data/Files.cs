namespace BackOffice.Data;

/// <summary>Anything that belongs to a unit; the unit scope filters on it.</summary>
public interface IUnitOwned
{
    int UnitId { get; }
}

/// <summary>Akte: a file, numbered by the file plan code and a sequence.</summary>
public class CaseFile : IUnitOwned
{
    public int Id { get; set; }
    /// <summary>Aktenzeichen, e.g. "50.2-00042".</summary>
    public required string Reference { get; set; }
    public int FilePlanEntryId { get; set; }
    public FilePlanEntry? FilePlanEntry { get; set; }
    public int Sequence { get; set; }
    public int UnitId { get; set; }
    public OrgUnit? Unit { get; set; }
    public required string Title { get; set; }
    public string? ApplicantName { get; set; }
    /// <summary>With the address, what tells two applicants of the same name apart.</summary>
    public DateOnly? ApplicantBirthDate { get; set; }
    /// <summary>Postal address in one line: "Lindenweg 4, 12345 Lindenau".</summary>
    public string? ApplicantAddress { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    /// <summary>Aussonderung: kept until then (the end of the closing year plus the file plan's years); null while open.</summary>
    public DateTime? RetainUntil { get; set; }
    /// <summary>SHA-256 of the archive package last exported for deletion, and when: deletion needs one.</summary>
    public string? ArchivePackageSha256 { get; set; }
    public DateTime? ArchivedAt { get; set; }
    public List<Case> Cases { get; set; } = [];
}

/// <summary>
/// What remains of a file after its deletion (Aussonderung): the Aktenzeichen, its dates, who deleted it and the hash of
/// the archive package that took its content. Nothing personal: no title, no applicant.
/// </summary>
public class DeletedFile : IUnitOwned
{
    public int Id { get; set; }
    public required string Reference { get; set; }
    public int UnitId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public DateTime DeletedAt { get; set; }
    public required string DeletedBy { get; set; }
    public required string PackageSha256 { get; set; }
    public int Cases { get; set; }
    public int Documents { get; set; }
}

public enum CaseStatus { Eingegangen = 0, InBearbeitung = 1, Nachforderung = 2, Entschieden = 3, Abgeschlossen = 4 }

public enum Channel { Portal = 0, Papier = 1, EMail = 2, Upload = 3 }

/// <summary>Vorgang: one procedure, e.g. one application, inside a file.</summary>
public class Case : IUnitOwned
{
    public int Id { get; set; }
    /// <summary>Aktenzeichen of the file plus the case's number in it, e.g. "50.2-00042/1".</summary>
    public required string Reference { get; set; }
    public int CaseFileId { get; set; }
    public CaseFile? CaseFile { get; set; }
    public int UnitId { get; set; }
    public OrgUnit? Unit { get; set; }
    public int? ServiceId { get; set; }
    public Service? Service { get; set; }
    public int? MunicipalityId { get; set; }
    public Municipality? Municipality { get; set; }
    public required string Subject { get; set; }
    public string ApplicantName { get; set; } = "";
    public Channel Channel { get; set; }
    public CaseStatus Status { get; set; }
    public DateTime ReceivedAt { get; set; }
    public DateTime StatusChangedAt { get; set; }
    /// <summary>Decision deadline from the service's deadline; null when the law sets none.</summary>
    public DateTime? DueAt { get; set; }
    /// <summary>When its processing ended: the decision, or closing without one (a withdrawn application). Null while open.</summary>
    public DateTime? DecidedAt { get; private set; }
    /// <summary>
    /// Whole hours from receipt to <see cref="DecidedAt"/>, kept with it: the dashboards count processing-time percentiles
    /// from these on the database (a histogram) instead of reading every case's two moments.
    /// </summary>
    public int? ProcessingHours { get; private set; }

    /// <summary>Sets when processing ended (null: open again), and the processing hours with it.</summary>
    public Case Decided(DateTime? at)
    {
        (DecidedAt, ProcessingHours) = (at, at is { } d ? HoursBetween(ReceivedAt, d) : null);
        return this;
    }

    public static int HoursBetween(DateTime from, DateTime to) => (int)Math.Floor((to - from).TotalHours);
    public DateTime? ClosedAt { get; set; }
    public string? AssigneeId { get; set; }
    public AppUser? Assignee { get; set; }
    /// <summary>Wiedervorlage: the responsible person wants to see the case again on that day (start of day, UTC).</summary>
    public DateTime? ResubmitAt { get; set; }
    /// <summary>What the Wiedervorlage is for, e.g. "Stellungnahme Bauamt abwarten".</summary>
    public string? ResubmitNote { get; set; }
    public List<CaseStatusChange> StatusChanges { get; set; } = [];
    public List<Document> Documents { get; set; } = [];
    public List<CaseNote> Notes { get; set; } = [];
}

/// <summary>Vermerk: a clerk's note in a case (a phone call, a decision's reasoning). Notes are never edited or deleted.</summary>
public class CaseNote : IUnitOwned
{
    public long Id { get; set; }
    public int CaseId { get; set; }
    public Case? Case { get; set; }
    public int UnitId { get; set; }
    public required string Text { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? AuthorId { get; set; }
    /// <summary>The author as shown then, and for whom they acted when deputising ("Otto Vertreter für Anna Beispiel").</summary>
    public required string AuthorName { get; set; }
}

/// <summary>One status change of a case, with its time: the basis of processing-time statistics.</summary>
public class CaseStatusChange
{
    public long Id { get; set; }
    public int CaseId { get; set; }
    public Case? Case { get; set; }
    public CaseStatus Status { get; set; }
    public DateTime ChangedAt { get; set; }
    public string? UserId { get; set; }
    /// <summary>Why, where a reason is required (closing, reopening, a changed deadline).</summary>
    public string? Reason { get; set; }
}

/// <summary>What a document is, for the filter on the file view (issue 11). Stored as its number: append only.</summary>
public enum DocumentType { Sonstiges = 0, Antrag = 1, Nachweis = 2, Schreiben = 3, Nachforderung = 4, Bescheid = 5, Vermerk = 6 }

/// <summary>A document of a case, or of an inbox item that has no case yet (an upload, a scan).</summary>
public class Document : IUnitOwned
{
    public int Id { get; set; }
    public int? CaseId { get; set; }
    public Case? Case { get; set; }
    public int? InboxItemId { get; set; }
    public InboxItem? InboxItem { get; set; }
    /// <summary>Copied from the case or item so that the scope filter needs no join.</summary>
    public int UnitId { get; set; }
    public required string Title { get; set; }
    public DocumentType Type { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Text of the latest version (text layer or OCR) for search; null until it has been read, "" when there is none.</summary>
    public string? Text { get; set; }
    /// <summary>Why the text could not be read or kept (German), or null: the document is then not found by its words.</summary>
    public string? TextProblem { get; set; }
    /// <summary>For a scanned paper letter: the transfer note (TR-RESISCAN) on how it was scanned and checked, in German.</summary>
    public string? TransferNote { get; set; }
    public List<DocumentVersion> Versions { get; set; } = [];
}

/// <summary>A version of a document; its bytes are in the content-addressed store, named by <see cref="Sha256"/>.</summary>
public class DocumentVersion
{
    public int Id { get; set; }
    public int DocumentId { get; set; }
    public Document? Document { get; set; }
    public int Number { get; set; }
    public required string Sha256 { get; set; }
    public long Size { get; set; }
    public required string MimeType { get; set; }
    public required string FileName { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedById { get; set; }
}

/// <summary>
/// The full-text index over documents (title and text) for the header search on SQLite: an FTS5 table keyed by the
/// document's id, with its unit beside it (unindexed) so that the search keeps to the user's units while it reads.
/// Triggers keep it current, whoever writes. On MariaDB a FULLTEXT index over the same columns does this.
/// </summary>
public static class DocumentSearchIndex
{
    public const string Table = "DocumentSearch";

    public static readonly string[] Create =
    [
        "CREATE VIRTUAL TABLE DocumentSearch USING fts5(Title, Text, UnitId UNINDEXED, prefix='2 3', tokenize='unicode61 remove_diacritics 2')",
        "CREATE TRIGGER DocumentSearch_Insert AFTER INSERT ON Documents BEGIN " +
            "INSERT INTO DocumentSearch (rowid, Title, Text, UnitId) VALUES (new.Id, new.Title, coalesce(new.Text, ''), new.UnitId); END",
        "CREATE TRIGGER DocumentSearch_Update AFTER UPDATE OF Title, Text, UnitId ON Documents BEGIN " +
            "DELETE FROM DocumentSearch WHERE rowid = old.Id; " +
            "INSERT INTO DocumentSearch (rowid, Title, Text, UnitId) VALUES (new.Id, new.Title, coalesce(new.Text, ''), new.UnitId); END",
        "CREATE TRIGGER DocumentSearch_Delete AFTER DELETE ON Documents BEGIN DELETE FROM DocumentSearch WHERE rowid = old.Id; END",
        "INSERT INTO DocumentSearch (rowid, Title, Text, UnitId) SELECT Id, Title, coalesce(Text, ''), UnitId FROM Documents",
    ];

    public static readonly string[] Drop =
    [
        "DROP TRIGGER DocumentSearch_Delete", "DROP TRIGGER DocumentSearch_Update", "DROP TRIGGER DocumentSearch_Insert", "DROP TABLE DocumentSearch",
    ];
}

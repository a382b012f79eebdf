namespace BackOffice.Data;

/// <summary>Where a scanned batch stands. A restart resumes every batch at the step it reached.</summary>
public enum ScanStep
{
    /// <summary>Taken from the scanner's folder or the upload: the original is kept, its capture hash recorded.</summary>
    Taken = 0,
    /// <summary>Read (text recognition, PDF/A): its documents wait for the mail room's check.</summary>
    ToCheck = 1,
    /// <summary>Every document confirmed or rejected.</summary>
    Done = 2,
    /// <summary>Could not be read (corrupt, encrypted, no pages, time-out): <see cref="ScanBatch.Error"/> says why.</summary>
    Failed = 3,
    /// <summary>The mail room discarded it; the original stays in quarantine.</summary>
    Discarded = 4,
}

/// <summary>
/// A file a scanner (or the mail room's upload) delivered: a batch of paper post, followed from its original to the
/// documents the mail room routes. Only the mail room sees batches; what it confirms becomes inbox items of units.
/// </summary>
public class ScanBatch
{
    public int Id { get; set; }
    /// <summary>The scanner's folder name, or "Upload".</summary>
    public required string Scanner { get; set; }
    /// <summary>The file's name as delivered.</summary>
    public required string FileName { get; set; }
    /// <summary>The name of the kept original under the data directory's scan-originals folder.</summary>
    public required string OriginalName { get; set; }
    /// <summary>SHA-256 of the file as captured, taken before anything read it (TR-RESISCAN).</summary>
    public required string Sha256 { get; set; }
    public long Size { get; set; }
    /// <summary>When the scanner wrote the file (UTC).</summary>
    public DateTime CapturedAt { get; set; }
    public DateTime TakenAt { get; set; }
    /// <summary>Who uploaded it; null for a scanner's folder.</summary>
    public string? TakenBy { get; set; }
    public ScanStep Step { get; set; }
    public int Pages { get; set; }
    /// <summary>Why it failed, in German; null otherwise.</summary>
    public string? Error { get; set; }
    public int Attempts { get; set; }
    /// <summary>An earlier batch with the same content (same SHA-256): the mail room decides.</summary>
    public int? DuplicateOfId { get; set; }
    public List<ScanDocument> Documents { get; set; } = [];
}

public enum ScanDocumentState { ToCheck = 0, Confirmed = 1, Rejected = 2 }

/// <summary>One document of a batch: its pages, the searchable PDF/A made of them, and where it was routed.</summary>
public class ScanDocument
{
    public int Id { get; set; }
    public int BatchId { get; set; }
    public ScanBatch? Batch { get; set; }
    /// <summary>First page in the batch (1-based) and how many.</summary>
    public int FirstPage { get; set; }
    public int PageCount { get; set; }
    /// <summary>The PDF/A with its text layer, in the document store.</summary>
    public required string PdfSha256 { get; set; }
    public long PdfSize { get; set; }
    /// <summary>The recognised text (for the proposals; the inbox search reads the stored document itself).</summary>
    public string? Text { get; set; }
    public int? ProposedUnitId { get; set; }
    public int? ProposedCaseId { get; set; }
    /// <summary>Why it is proposed (the Aktenzeichen found, the rule that matched), in German.</summary>
    public string? ProposalReason { get; set; }
    public ScanDocumentState State { get; set; }
    public int? InboxItemId { get; set; }
    public string? CheckedBy { get; set; }
    public DateTime? CheckedAt { get; set; }
}

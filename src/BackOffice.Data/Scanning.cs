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
    /// <summary>When its reading began (for the progress shown), and how long the last reading took.</summary>
    public DateTime? ReadStartedAt { get; set; }
    public double? ReadSeconds { get; set; }
    /// <summary>Why it failed, in German; null otherwise.</summary>
    public string? Error { get; set; }
    public int Attempts { get; set; }
    /// <summary>How it was scanned, read from its images ("150 dpi, Graustufen"), for the transfer note.</summary>
    public string? Profile { get; set; }
    /// <summary>The paper may be destroyed from this day (scan day plus the weeks the administration sets).</summary>
    public DateOnly? DestroyFrom { get; set; }
    /// <summary>When the paper was destroyed, and by whom.</summary>
    public DateTime? DestroyedAt { get; set; }
    public string? DestroyedBy { get; set; }
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
    /// <summary>The batch's pages it was made of ("2-4,6"): separators, and blank pages when dropped, are not in it.</summary>
    public string SourcePages { get; set; } = "";
    /// <summary>Blank pages left out of it (a setting says whether blank pages are dropped).</summary>
    public int BlankPagesDropped { get; set; }
    /// <summary>The PDF/A with its text layer, in the document store.</summary>
    public required string PdfSha256 { get; set; }
    public long PdfSize { get; set; }
    /// <summary>The recognised text (for the proposals; the inbox search reads the stored document itself).</summary>
    public string? Text { get; set; }
    public int? ProposedUnitId { get; set; }
    /// <summary>The service (Leistung) proposed, from a separator sheet or a rule; the inbox item gets it.</summary>
    public int? ProposedServiceId { get; set; }
    public int? ProposedCaseId { get; set; }
    /// <summary>Why it is proposed (the Aktenzeichen found, the rule that matched), in German.</summary>
    public string? ProposalReason { get; set; }
    /// <summary>How sure the proposal is, percent: 100 for a separator sheet or an Aktenzeichen, less for a rule or a guess.</summary>
    public int? Confidence { get; set; }
    /// <summary>Routed without the mail room's check (its confidence reached the administration's threshold).</summary>
    public bool RoutedAutomatically { get; set; }
    /// <summary>Drawn for the quality check (at the rate the administration sets): the mail room compares every page with
    /// the paper before confirming, and it is never routed without the check.</summary>
    public bool QualitySample { get; set; }
    /// <summary>Quality check (TR-RESISCAN): every page compared with the paper, by whom and when; null when not (yet) checked.</summary>
    public string? QualityCheckedBy { get; set; }
    public DateTime? QualityCheckedAt { get; set; }
    /// <summary>Anything unusual the mail room noted for the transfer note (a torn page, a missing enclosure).</summary>
    public string? Remark { get; set; }
    public ScanDocumentState State { get; set; }
    public int? InboxItemId { get; set; }
    public string? CheckedBy { get; set; }
    public DateTime? CheckedAt { get; set; }
}

/// <summary>How a routing rule's text is matched against a scanned document's text (case and accents as written).</summary>
public enum ScanRuleMatch
{
    /// <summary>Any of the words (separated by blanks).</summary>
    AnyWord = 0,
    /// <summary>All of the words, anywhere.</summary>
    AllWords = 1,
    /// <summary>The words in this order, as a phrase.</summary>
    Phrase = 2,
    /// <summary>A regular expression (.NET syntax, time-limited).</summary>
    Pattern = 3,
}

/// <summary>
/// A keyword rule the administration keeps: a document whose text matches is proposed for the rule's unit (and
/// service). Rules come after separator sheets and Aktenzeichen, before the learned guess.
/// </summary>
public class ScanRule
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public OrgUnit? Unit { get; set; }
    public int? ServiceId { get; set; }
    public Service? Service { get; set; }
    public ScanRuleMatch Match { get; set; }
    public required string Text { get; set; }
    public bool Active { get; set; } = true;
}

/// <summary>The Scanstelle's settings the administration keeps (one row).</summary>
public class ScanSetting
{
    public int Id { get; set; }
    /// <summary>Documents proposed with at least this confidence (percent) go to their unit without the mail room's
    /// check; null: every document is checked (the default).</summary>
    public int? AutoRoutePercent { get; set; }
    /// <summary>Weeks the paper originals are kept after scanning before they may be destroyed (TR-RESISCAN).</summary>
    public int OriginalsKeptWeeks { get; set; } = 6;
    /// <summary>Share of documents whose every page the mail room checks against the paper (quality check), percent.</summary>
    public int QualityCheckPercent { get; set; } = 100;
}

/// <summary>The quality check's share for the documents of one service (a document class), instead of the general one.</summary>
public class ScanQualityRate
{
    public int Id { get; set; }
    public int ServiceId { get; set; }
    public Service? Service { get; set; }
    /// <summary>Percent of the service's documents drawn for the quality check.</summary>
    public int Percent { get; set; }
}

/// <summary>
/// The learned routing: an ML.NET text classifier trained on confirmed documents, with its accuracy on documents held
/// back from training. Only the newest is used.
/// </summary>
public class ScanModel
{
    public int Id { get; set; }
    public DateTime TrainedAt { get; set; }
    /// <summary>Confirmed documents it learned from, and held back to measure it.</summary>
    public int Examples { get; set; }
    public int HeldOut { get; set; }
    /// <summary>Share of held-back documents it routed to the right unit (0..1).</summary>
    public double Accuracy { get; set; }
    public int Classes { get; set; }
    /// <summary>The saved ML.NET model (a zip).</summary>
    public required byte[] Model { get; set; }
}

namespace BackOffice.Data;

/// <summary>
/// A report someone scheduled (issue 13): run on a day of every month over the month before, with the filters chosen
/// then. Kept in the database, so that it survives a restart; only its owner sees it and its results.
/// </summary>
public class ReportSchedule
{
    public int Id { get; set; }
    /// <summary>The definition's file name without .json.</summary>
    public required string ReportId { get; set; }
    public required string UserId { get; set; }
    /// <summary>1 to 28: every month has it.</summary>
    public int DayOfMonth { get; set; }
    public string? UnitKey { get; set; }
    public int? ServiceId { get; set; }
    public Channel? Channel { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The last day of the last month it produced a result for; null before the first.</summary>
    public DateOnly? LastPeriodEnd { get; set; }
    public List<ReportResult> Results { get; set; } = [];
}

/// <summary>One run of a schedule: the .xlsx file in the data directory, or why it failed.</summary>
public class ReportResult
{
    public int Id { get; set; }
    public int ScheduleId { get; set; }
    public ReportSchedule? Schedule { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    /// <summary>The name the download gets.</summary>
    public required string FileName { get; set; }
    /// <summary>The file's name under the data directory's report-results folder; null when the run failed.</summary>
    public string? StoredName { get; set; }
    public int Rows { get; set; }
    public string? Error { get; set; }
}

/// <summary>
/// An official form (issue 13): a prescribed Excel layout (.xlsx) a controller uploaded for one report, and which of
/// the report's figures go into which of its named cells or ranges. Filling it edits only those cells (ADR-0012).
/// </summary>
public class OfficialForm
{
    public int Id { get; set; }
    /// <summary>The report whose figures fill it: the definition's file name without .json.</summary>
    public required string ReportId { get; set; }
    public required string Title { get; set; }
    /// <summary>The uploaded file's name, as the filled form's download is named after it.</summary>
    public required string FileName { get; set; }
    public required byte[] Content { get; set; }
    public required string UploadedBy { get; set; }
    public DateTime UploadedAt { get; set; }
    public List<OfficialFormCell> Cells { get; set; } = [];
}

/// <summary>One named cell or range of a form and what fills it (see FormSource in the Reports feature).</summary>
public class OfficialFormCell
{
    public int Id { get; set; }
    public int FormId { get; set; }
    public required string Name { get; set; }
    public required string Source { get; set; }
}

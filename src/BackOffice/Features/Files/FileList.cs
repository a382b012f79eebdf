using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Files;

/// <summary>
/// The Akten page's queries: the file plan, and the files of the user's units (the context's scope) under an entry or
/// found by Aktenzeichen or applicant, newest first, paged on the database.
/// </summary>
public static class FileList
{
    public const int PageSize = 20;
    public const int CountCap = 10_000;

    public sealed record PlanNode(int Id, string Code, string Title, int Depth, int RetentionYears, string RetentionTrigger);
    public sealed record Row(int Id, string Reference, string Title, string? ApplicantName, DateOnly? BirthDate, string Unit, DateTime CreatedAt, DateTime? ClosedAt, int Cases);
    public sealed record Page(IReadOnlyList<Row> Rows, int Count, bool CountCapped);

    /// <summary>The whole file plan, each entry after its parent (a few hundred entries at most).</summary>
    public static async Task<IReadOnlyList<PlanNode>> PlanAsync(BackOfficeDb db, CancellationToken ct = default)
    {
        var entries = await db.FilePlanEntries.AsNoTracking().ToListAsync(ct);
        return TreeOrder.Flatten(entries, e => e.Id, e => e.ParentId, e => e.Code, StringComparer.Ordinal)
            .Select(x => new PlanNode(x.Node.Id, x.Node.Code, x.Node.Title, x.Depth, x.Node.RetentionYears, x.Node.RetentionTrigger)).ToList();
    }

    public static async Task<Page> QueryAsync(BackOfficeDb db, int? planEntryId, string? text, int skip, CancellationToken ct = default)
    {
        var files = db.CaseFiles.AsNoTracking();
        if (planEntryId is { } p) files = files.Where(f => f.FilePlanEntryId == p);
        var t = text?.Trim() ?? "";
        if (t.Length > 0) files = FileSearch.Matching(files, t);
        // A search finds a few files: sorted by an expression, the engines fetch those through the name or number index and
        // sort them, instead of walking the units' files by date and checking each.
        var sorted = t.Length > 0 ? files.OrderByDescending(f => f.CreatedAt.AddSeconds(0)).ThenByDescending(f => f.Id)
            : files.OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id);
        var rows = await sorted.Skip(skip).Take(PageSize)
            .Select(f => new Row(f.Id, f.Reference, f.Title, f.ApplicantName, f.ApplicantBirthDate, f.Unit!.Name, f.CreatedAt, f.ClosedAt, f.Cases.Count))
            .ToListAsync(ct);
        var count = await files.Take(CountCap + 1).CountAsync(ct);
        return new Page(rows, Math.Min(count, CountCap), count > CountCap);
    }

    public sealed record CaseRow(int Id, string Reference, string Subject, CaseStatus Status, DateTime ReceivedAt, DateTime? DueAt, string? Assignee);
    public sealed record DocumentRow(int VersionId, int DocumentId, string Title, DocumentType Type, string FileName, DateTime CreatedAt, string CaseReference, int Version);
    public sealed record Cover(int Id, string Reference, string Title, string? ApplicantName, DateOnly? BirthDate, string? Address, string Unit, int UnitId, string PlanCode, string PlanTitle,
        int RetentionYears, string RetentionTrigger, DateTime CreatedAt, DateTime? ClosedAt, IReadOnlyList<CaseRow> Cases, IReadOnlyList<DocumentRow> Documents);

    /// <summary>The Aktendeckel: a file of the user's units with its cases and all their documents on one timeline, newest first; null elsewhere.</summary>
    public static async Task<Cover?> CoverAsync(BackOfficeDb db, int id, CancellationToken ct = default)
    {
        var file = await db.CaseFiles.AsNoTracking().Where(f => f.Id == id)
            .Select(f => new { f.Id, f.Reference, f.Title, f.ApplicantName, f.ApplicantBirthDate, f.ApplicantAddress, Unit = f.Unit!.Name, f.UnitId, f.FilePlanEntry!.Code, PlanTitle = f.FilePlanEntry.Title,
                f.FilePlanEntry.RetentionYears, f.FilePlanEntry.RetentionTrigger, f.CreatedAt, f.ClosedAt })
            .SingleOrDefaultAsync(ct);
        if (file is null) return null;
        var cases = await db.Cases.AsNoTracking().Where(c => c.CaseFileId == id).OrderByDescending(c => c.ReceivedAt)
            .Select(c => new CaseRow(c.Id, c.Reference, c.Subject, c.Status, c.ReceivedAt, c.DueAt, c.Assignee!.DisplayName)).ToListAsync(ct);
        var documents = await db.DocumentVersions.AsNoTracking().Where(v => v.Document!.Case!.CaseFileId == id)
            .OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id)
            .Select(v => new DocumentRow(v.Id, v.DocumentId, v.Document!.Title, v.Document.Type, v.FileName, v.CreatedAt, v.Document.Case!.Reference, v.Number)).ToListAsync(ct);
        return new Cover(file.Id, file.Reference, file.Title, file.ApplicantName, file.ApplicantBirthDate, file.ApplicantAddress, file.Unit, file.UnitId, file.Code, file.PlanTitle,
            file.RetentionYears, file.RetentionTrigger, file.CreatedAt, file.ClosedAt, cases, documents);
    }
}

using BackOffice.Infrastructure;
using BackOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Files;

/// <summary>Aktenzeichen of new files: the file plan code and the next sequence under it, e.g. "50.1-00042".</summary>
public static class FileNumbers
{
    public static string Reference(string planCode, int sequence) => $"{planCode}-{sequence:D5}";

    /// <summary>
    /// Adds a new file under a file plan entry with the next free sequence, counting files this context
    /// has added but not saved yet (a batch may open several). Call inside the transaction that saves it.
    /// </summary>
    public static async Task<CaseFile> NewFileAsync(BackOfficeDb db, FilePlanEntry plan, int unitId, string applicant, string title, DateTime now)
    {
        // Read and write in one transaction (on SQLite an immediate one, which holds the write lock): two clerks
        // opening files under one entry at once would otherwise both take the same sequence.
        await WriterLock.TakeAsync(db);
        var stored = await db.CaseFiles.IgnoreQueryFilters().Where(f => f.FilePlanEntryId == plan.Id).MaxAsync(f => (int?)f.Sequence) ?? 0;
        var pending = db.ChangeTracker.Entries<CaseFile>()
            .Where(e => e.State == EntityState.Added && e.Entity.FilePlanEntryId == plan.Id).Select(e => e.Entity.Sequence).DefaultIfEmpty(0).Max();
        var sequence = Math.Max(stored, pending) + 1;
        var file = new CaseFile
        {
            Reference = Reference(plan.Code, sequence), FilePlanEntryId = plan.Id, Sequence = sequence, UnitId = unitId,
            Title = PlainText.Fit(title, 300), ApplicantName = applicant is null ? null : PlainText.Fit(applicant, 200), CreatedAt = now,
        };
        db.CaseFiles.Add(file);
        return file;
    }

    /// <summary>The number of the next case in a file ("…/3"): stored cases of the file and those this context added but has not saved.
    /// Call inside the transaction that saves it.</summary>
    public static async Task<int> NextCaseNumberAsync(BackOfficeDb db, CaseFile file)
    {
        await WriterLock.TakeAsync(db);
        var stored = file.Id == 0 ? 0 : await db.Cases.IgnoreQueryFilters().CountAsync(c => c.CaseFileId == file.Id);
        var pending = db.ChangeTracker.Entries<Case>().Count(e => e.State == EntityState.Added && (e.Entity.CaseFile == file || (file.Id != 0 && e.Entity.CaseFileId == file.Id)));
        return stored + pending + 1;
    }
}

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
        var stored = await db.CaseFiles.IgnoreQueryFilters().Where(f => f.FilePlanEntryId == plan.Id).MaxAsync(f => (int?)f.Sequence) ?? 0;
        var pending = db.ChangeTracker.Entries<CaseFile>()
            .Where(e => e.State == EntityState.Added && e.Entity.FilePlanEntryId == plan.Id).Select(e => e.Entity.Sequence).DefaultIfEmpty(0).Max();
        var sequence = Math.Max(stored, pending) + 1;
        var file = new CaseFile
        {
            Reference = Reference(plan.Code, sequence), FilePlanEntryId = plan.Id, Sequence = sequence, UnitId = unitId,
            Title = title, ApplicantName = applicant, CreatedAt = now,
        };
        db.CaseFiles.Add(file);
        return file;
    }
}

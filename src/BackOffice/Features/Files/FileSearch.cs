using BackOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Files;

/// <summary>Finds files (Akten) of a unit by the beginning of the applicant's name or of the Aktenzeichen, newest first.</summary>
public static class FileSearch
{
    public sealed record Hit(int Id, string Reference, string? ApplicantName, string Title, DateTime CreatedAt, bool Closed);

    public static async Task<List<Hit>> FindAsync(BackOfficeDb db, int unitId, string? text, int take = 8, CancellationToken ct = default)
    {
        var t = text?.Trim() ?? "";
        if (t.Length < 2) return [];
        var files = db.CaseFiles.AsNoTracking().Where(f => f.UnitId == unitId);
        if (char.IsDigit(t[0]))
        {
            var upper = t + char.MaxValue;
            files = files.Where(f => f.Reference.CompareTo(t) >= 0 && f.Reference.CompareTo(upper) < 0);
        }
        else
        {
            // Names are stored as written ("Müller, Anna") and compared binary on the (UnitId, ApplicantName) index;
            // a lower-case first letter typed in a hurry still finds them.
            var name = char.ToUpper(t[0], Labels.German) + t[1..];
            var upper = name + char.MaxValue;
            files = files.Where(f => f.ApplicantName!.CompareTo(name) >= 0 && f.ApplicantName.CompareTo(upper) < 0);
        }
        return await files.OrderByDescending(f => f.CreatedAt).Take(take)
            .Select(f => new Hit(f.Id, f.Reference, f.ApplicantName, f.Title, f.CreatedAt, f.ClosedAt != null)).ToListAsync(ct);
    }
}

using BackOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Files;

/// <summary>Finds files (Akten) of a unit by the beginning of the applicant's name or of the Aktenzeichen, newest first.</summary>
public static class FileSearch
{
    public sealed record Hit(int Id, string Reference, string? ApplicantName, string Title, DateTime CreatedAt, bool Closed, DateOnly? BirthDate, string? Address);

    public static async Task<List<Hit>> FindAsync(BackOfficeDb db, int unitId, string? text, int take = 15, CancellationToken ct = default)
    {
        var t = text?.Trim() ?? "";
        if (t.Length < 2) return [];
        var files = Matching(db.CaseFiles.AsNoTracking().Where(f => f.UnitId == unitId), t);
        return await files.OrderByDescending(f => f.CreatedAt).Take(take)
            .Select(f => new Hit(f.Id, f.Reference, f.ApplicantName, f.Title, f.CreatedAt, f.ClosedAt != null, f.ApplicantBirthDate, f.ApplicantAddress)).ToListAsync(ct);
    }

    /// <summary>Files whose Aktenzeichen (text starting with a digit) or applicant's name (either order) begins with the text.</summary>
    public static IQueryable<CaseFile> Matching(IQueryable<CaseFile> files, string t)
    {
        if (char.IsDigit(t[0]))
        {
            var upper = t + char.MaxValue;
            return files.Where(f => f.Reference.CompareTo(t) >= 0 && f.Reference.CompareTo(upper) < 0);
        }
        // Names are stored as written ("Müller, Anna") and compared binary on the (UnitId, ApplicantName) index;
        // a lower-case first letter typed in a hurry still finds them, and so does "Anna Müller" (first name first,
        // as letters are signed), and "Mueller" for "Müller" (GermanSpelling): each form is looked up.
        var forms = new[] { t, Reversed(t) }.OfType<string>().SelectMany(GermanSpelling.Variants).Distinct(StringComparer.Ordinal).Select(Prefix).ToList();
        // Ranges as a union, not an OR: each side then seeks the (UnitId, ApplicantName) index on its own.
        IQueryable<CaseFile>? found = null;
        foreach (var (from, to) in forms)
        {
            var range = files.Where(f => f.ApplicantName!.CompareTo(from) >= 0 && f.ApplicantName.CompareTo(to) < 0);
            found = found is null ? range : found.Union(range);
        }
        return found!;
    }

    private static (string From, string To) Prefix(string name)
    {
        var n = char.ToUpper(name[0], Labels.German) + name[1..];
        return (n, n + char.MaxValue);
    }

    /// <summary>"Karl Kaiser" as the files write it, "Kaiser, Karl"; null when the text has a comma or a single word.</summary>
    public static string? Reversed(string name)
    {
        if (name.Contains(',')) return null;
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length < 2 ? null : $"{char.ToUpper(words[^1][0], Labels.German)}{words[^1][1..]}, {string.Join(' ', words[..^1])}";
    }
}

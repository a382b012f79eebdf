using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Files;

/// <summary>
/// The Postausgang (issue 11): letters of the user's units that go by post, those still to print first, paged on the
/// database; and marking one printed and posted.
/// </summary>
public static class PostOutbox
{
    public const int PageSize = 20;

    public sealed record Row(int Id, DateTime CreatedAt, int CaseId, string CaseReference, string Applicant, LetterKind Kind, string Subject, int VersionId, DateTime? PostedAt);
    public sealed record Page(IReadOnlyList<Row> Rows, int Count);

    public static async Task<Page> QueryAsync(BackOfficeDb db, bool pendingOnly, int skip, CancellationToken ct = default)
    {
        var letters = db.Letters.AsNoTracking().Where(l => l.ByPost);
        if (pendingOnly) letters = letters.Where(l => l.PostedAt == null);
        var rows = await letters.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id).Skip(skip).Take(PageSize)
            .Select(l => new Row(l.Id, l.CreatedAt, l.CaseId, l.Case!.Reference, l.Case.ApplicantName, l.Kind, l.Subject,
                l.Document!.Versions.OrderByDescending(v => v.Number).Select(v => v.Id).First(), l.PostedAt))
            .ToListAsync(ct);
        return new Page(rows, await letters.CountAsync(ct));
    }

    public static async Task<Outcome> MarkPostedAsync(BackOfficeDb db, int letterId, CancellationToken ct = default)
    {
        var letter = await db.Letters.Include(l => l.Case).SingleOrDefaultAsync(l => l.Id == letterId && l.ByPost, ct);
        if (letter is null) return Outcome.Refused("Diesen Brief gibt es nicht im Postausgang Ihrer Organisationseinheiten.");
        if (letter.PostedAt is not null) return Outcome.Stale($"Der Brief zu {letter.Case!.Reference} ist bereits am {Labels.Date(letter.PostedAt)} als versendet vermerkt.");
        letter.PostedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        return Outcome.Done($"Der Brief zu {letter.Case!.Reference} ist als versendet vermerkt.");
    }
}

using BackOffice.Data;
using BackOffice.Features.Files;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Support;

/// <summary>Sends a letter from a case as a clerk does after the preview: the status the clerk saw is the case's status now.</summary>
public static class Letters
{
    public static async Task<Outcome> SendLetterAsync(this LetterOut letters, BackOfficeDb db, int caseId, LetterKind kind, string subject, string body, string? refusedFile = null)
    {
        var seen = await db.Cases.Where(c => c.Id == caseId).Select(c => (CaseStatus?)c.Status).SingleOrDefaultAsync() ?? CaseStatus.Eingegangen;
        return await letters.SendAsync(db, caseId, seen, new LetterOut.Draft(kind, subject, body, RefusedFile: refusedFile), new LetterOut.Writer(null, "Anna Becker"));
    }
}

using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Files;

/// <summary>
/// Letters being written, and the Schlusszeichnung. A draft is saved with the case as the clerk types and goes only when
/// the clerk discards it or the letter is sent. Where the service asks for it, a Bescheid is submitted; the head of the
/// unit or a co-signer (a clerk of the unit the administration named) signs it off, which sends it with both names, or
/// returns it with a note. Nobody signs off their own letter. The steps are events of the case in the audit trail.
/// </summary>
public static class LetterDrafts
{
    public const int MaxReturnNote = 2000;

    /// <summary>The answer for a letter outside the user's units, gone, or for someone who signs off nothing: the page answers 404 with it.</summary>
    /// <summary>The letter was withdrawn, changed and submitted again while the signer read the old one.</summary>
    public const string Changed = "Der Brief wurde inzwischen geändert und neu vorgelegt. Bitte lesen Sie ihn erneut; er ist jetzt hier zu sehen.";

    public const string NotFound = "Diesen Brief gibt es nicht (mehr), oder Sie zeichnen keine Briefe seiner Einheit.";

    /// <summary>A submitted letter waiting for the Schlusszeichnung, as the queue lists it.</summary>
    public sealed record Waiting(int Id, int CaseId, string Reference, string Subject, string AuthorName, DateTime SubmittedAt);

    public static Task<LetterDraft?> FindAsync(BackOfficeDb db, int caseId, string authorId, CancellationToken ct = default) =>
        db.LetterDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.CaseId == caseId && d.AuthorId == authorId, ct);

    /// <summary>
    /// Keeps what the clerk typed. Saved often, so it is no event of the audit trail (submitting, signing off and returning
    /// are). A submitted draft is not changed: the co-signer reads what was submitted.
    /// </summary>
    public static async Task<Outcome> SaveAsync(BackOfficeDb db, int caseId, LetterOut.Writer writer, LetterKind kind, string subject, string body, int? templateId = null, CancellationToken ct = default)
    {
        if (subject.Length > LetterTemplateConfiguration.MaxSubject || body.Length > LetterTemplateConfiguration.MaxBody)
            return Outcome.Refused("Der Entwurf ist zu lang, um gespeichert zu werden; bitte kürzen.");
        var unit = await db.Cases.Where(c => c.Id == caseId).Select(c => (int?)c.UnitId).SingleOrDefaultAsync(ct);
        if (unit is null) return Outcome.Refused(CaseWork.CaseNotFound);
        var draft = await db.LetterDrafts.SingleOrDefaultAsync(d => d.CaseId == caseId && d.AuthorId == writer.UserId, ct);
        if (draft?.State == LetterDraftState.Submitted) return Outcome.Stale("Der Brief liegt zur Schlusszeichnung vor und wird nicht mehr geändert.");
        if (draft is null) db.LetterDrafts.Add(draft = new LetterDraft { CaseId = caseId, UnitId = unit.Value, AuthorId = writer.UserId!, AuthorName = writer.Name });
        (draft.AuthorName, draft.Kind, draft.TemplateId, draft.Subject, draft.Body, draft.UpdatedAt) = (PlainText.Fit(writer.Name, 300), kind, templateId, subject, body, DateTime.UtcNow);
        db.SuppressChangeAudit = true;
        await db.SaveChangesAsync(ct);
        return Outcome.Done("Entwurf gespeichert.");
    }

    /// <summary>The clerk throws their draft away (also a returned one).</summary>
    public static async Task<Outcome> DiscardAsync(BackOfficeDb db, int caseId, string authorId, CancellationToken ct = default)
    {
        var draft = await db.LetterDrafts.SingleOrDefaultAsync(d => d.CaseId == caseId && d.AuthorId == authorId, ct);
        if (draft is null) return Outcome.Done("Es gab keinen Entwurf.");
        if (draft.State == LetterDraftState.Submitted) return Outcome.Refused("Der Brief liegt zur Schlusszeichnung vor. Bitte ziehen Sie ihn zuerst zurück.");
        db.LetterDrafts.Remove(draft);
        db.SuppressChangeAudit = true;
        await db.SaveChangesAsync(ct);
        return Outcome.Done("Der Entwurf ist verworfen.");
    }

    /// <summary>Submits the clerk's Bescheid for the Schlusszeichnung, as it is now (it must be printable).</summary>
    public static async Task<Outcome> SubmitAsync(BackOfficeDb db, int caseId, LetterOut.Writer writer, LetterOut.Draft letter, CancellationToken ct = default)
    {
        if (letter.OwnPdf is not null || letter.OwnFileName is not null)
            return Outcome.Refused("Zur Schlusszeichnung wird der Brief aus der Vorlage vorgelegt, nicht eine eigene PDF-Datei. Bitte entfernen Sie die Auswahl.");
        if (!await LetterOut.NeedsCoSignatureAsync(db, caseId, letter.Kind, ct)) return Outcome.Refused("Dieser Brief braucht keine Schlusszeichnung; er kann gleich gesendet werden.");
        var (pdf, error) = await LetterOut.RenderAsync(db, caseId, letter, writer, ct: ct);
        if (pdf is null) return Outcome.Refused(error!);
        if (await LetterOut.MissingAddressAsync(db, caseId, ct) is { } noAddress) return Outcome.Refused(noAddress);
        var saved = await SaveAsync(db, caseId, writer, letter.Kind, PlainText.Clean(letter.Subject)!, PlainText.Paragraphs(letter.Body)!, letter.TemplateId, ct);
        if (!saved.IsDone) return saved;
        db.SuppressChangeAudit = false;
        var draft = await db.LetterDrafts.SingleAsync(d => d.CaseId == caseId && d.AuthorId == writer.UserId, ct);
        (draft.State, draft.SubmittedAt, draft.ReturnNote, draft.ReturnedById, draft.ReturnedAt) = (LetterDraftState.Submitted, DateTime.UtcNow, null, null, null);
        db.LogEvent("letter-submitted", nameof(Case), caseId.ToString(), draft.UnitId, draft.Subject);
        await db.SaveChangesAsync(ct);
        return Outcome.Done("Der Bescheid liegt zur Schlusszeichnung vor. Sie sehen hier, wenn er gesendet oder zurückgegeben ist.");
    }

    /// <summary>The clerk takes a submitted letter back to change it.</summary>
    public static async Task<Outcome> WithdrawAsync(BackOfficeDb db, int caseId, string authorId, CancellationToken ct = default)
    {
        var draft = await db.LetterDrafts.SingleOrDefaultAsync(d => d.CaseId == caseId && d.AuthorId == authorId, ct);
        if (draft?.State != LetterDraftState.Submitted) return Outcome.Stale("Der Brief liegt nicht mehr zur Schlusszeichnung vor.");
        (draft.State, draft.SubmittedAt) = (LetterDraftState.Draft, null);
        db.LogEvent("letter-withdrawn", nameof(Case), caseId.ToString(), draft.UnitId, draft.Subject);
        await db.SaveChangesAsync(ct);
        return Outcome.Done("Der Bescheid ist zurückgezogen und wieder Ihr Entwurf.");
    }

    /// <summary>Whether the account signs off letters at all: heads, and clerks the administration named co-signers.</summary>
    public static async Task<bool> SignsAsync(BackOfficeDb db, string userId, CancellationToken ct = default) =>
        await db.Users.AsNoTracking().AnyAsync(u => u.Id == userId && !u.Disabled && (u.Role == Roles.Head || (u.Role == Roles.Clerk && u.CoSigns)), ct);

    /// <summary>
    /// The letters waiting for this user's Schlusszeichnung, oldest first: submitted in the units the user works for (the
    /// context's unit scope), written by someone else.
    /// </summary>
    public static async Task<IReadOnlyList<Waiting>> QueueAsync(BackOfficeDb db, string userId, int max = 50, CancellationToken ct = default)
    {
        if (!await SignsAsync(db, userId, ct)) return [];
        return await db.LetterDrafts.AsNoTracking()
            .Where(d => d.State == LetterDraftState.Submitted && d.AuthorId != userId)
            .OrderBy(d => d.SubmittedAt).ThenBy(d => d.Id).Take(max)
            .Select(d => new Waiting(d.Id, d.CaseId, d.Case!.Reference, d.Subject, d.AuthorName, d.SubmittedAt!.Value))
            .ToListAsync(ct);
    }

    /// <summary>
    /// A submitted letter this user may sign off, or why not. <paramref name="seenSubmittedAt"/> is when the letter the
    /// user read was submitted: if it was withdrawn and submitted again since, it is another text, and the user must read it.
    /// </summary>
    public static async Task<Outcome<LetterDraft>> ForSigningAsync(BackOfficeDb db, int draftId, string userId, DateTime? seenSubmittedAt = null, CancellationToken ct = default)
    {
        var draft = await db.LetterDrafts.Include(d => d.Case).SingleOrDefaultAsync(d => d.Id == draftId, ct);
        if (draft is null || !await SignsAsync(db, userId, ct)) return Outcome.Refused(NotFound);
        if (draft.AuthorId == userId) return Outcome.Refused("Ihren eigenen Brief kann nur jemand anderes schlusszeichnen.");
        if (draft.State != LetterDraftState.Submitted) return Outcome.Refused("Dieser Brief liegt nicht mehr zur Schlusszeichnung vor: er wurde zurückgezogen oder schon bearbeitet.");
        if (seenSubmittedAt is { } seen && seen != draft.SubmittedAt) return Outcome.Refused(Changed);
        return Outcome.Made(draft);
    }

    /// <summary>The writer's own Bescheide in the Schlusszeichnung: submitted, or returned to them with a note.</summary>
    public sealed record Mine(int CaseId, string Reference, string Subject, LetterDraftState State, DateTime At, string? ReturnedBy, string? Note);

    public static async Task<IReadOnlyList<Mine>> MineAsync(BackOfficeDb db, string userId, CancellationToken ct = default) =>
        await db.LetterDrafts.AsNoTracking().Where(d => d.AuthorId == userId && d.State != LetterDraftState.Draft)
            .OrderByDescending(d => d.State).ThenBy(d => d.Id).Take(50)
            .Select(d => new Mine(d.CaseId, d.Case!.Reference, d.Subject, d.State, d.ReturnedAt ?? d.SubmittedAt ?? d.UpdatedAt,
                db.Users.Where(u => u.Id == d.ReturnedById).Select(u => u.DisplayName).FirstOrDefault(), d.ReturnNote))
            .ToListAsync(ct);

    /// <summary>Who returned the writer's letter, for the note above the draft.</summary>
    public static Task<string?> ReturnedByAsync(BackOfficeDb db, LetterDraft draft, CancellationToken ct = default) =>
        db.Users.AsNoTracking().Where(u => u.Id == draft.ReturnedById).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);

    public static LetterOut.Draft Letter(LetterDraft d) => new(d.Kind, d.Subject, d.Body, TemplateId: d.TemplateId);

    /// <summary>Signs the letter off: it is sent with both names ("gez."), and the draft goes.</summary>
    public static async Task<Outcome> ApproveAsync(BackOfficeDb db, LetterOut letters, int draftId, LetterOut.Writer signer, DateTime? seenSubmittedAt = null, CancellationToken ct = default)
    {
        var (draft, refused) = await ForSigningAsync(db, draftId, signer.UserId!, seenSubmittedAt, ct);
        if (draft is null) return Outcome.Refused(refused!);
        // The event goes with the sending's transaction; a refusal saves nothing.
        db.LogEvent("letter-approved", nameof(Case), draft.CaseId.ToString(), draft.UnitId, $"{draft.Subject} (geschrieben von {draft.AuthorName})");
        var sent = await letters.SendAsync(db, draft.CaseId, draft.Case!.Status, Letter(draft), new LetterOut.Writer(draft.AuthorId, draft.AuthorName), signer, ct);
        if (!sent.IsDone) return sent;
        return Outcome.Done($"Der Bescheid zu {draft.Case.Reference} ist schlussgezeichnet und gesendet. {sent.Message}");
    }

    /// <summary>Gives the letter back to its writer with a note; it is their draft again.</summary>
    public static async Task<Outcome> ReturnAsync(BackOfficeDb db, int draftId, string userId, string? note, DateTime? seenSubmittedAt = null, CancellationToken ct = default)
    {
        note = PlainText.Paragraphs(note);
        if (string.IsNullOrEmpty(note)) return Outcome.Refused("Bitte schreiben Sie dazu, was geändert werden soll.");
        if (note.Length > MaxReturnNote) return Outcome.Refused($"Der Hinweis ist {note.Length:N0} Zeichen lang; höchstens {MaxReturnNote:N0} sind möglich.");
        var (draft, refused) = await ForSigningAsync(db, draftId, userId, seenSubmittedAt, ct);
        if (draft is null) return Outcome.Refused(refused!);
        (draft.State, draft.ReturnNote, draft.ReturnedById, draft.ReturnedAt, draft.SubmittedAt) = (LetterDraftState.Returned, note, userId, DateTime.UtcNow, null);
        db.LogEvent("letter-returned", nameof(Case), draft.CaseId.ToString(), draft.UnitId, note);
        await db.SaveChangesAsync(ct);
        return Outcome.Done($"Der Bescheid zu {draft.Case!.Reference} ist an {draft.AuthorName} zurückgegeben.");
    }
}

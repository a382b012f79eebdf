using BackOffice.Features.Documents;
using BackOffice.Data;
using BackOffice.Features.Files;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Intake;

/// <summary>
/// A clerk's reply to the applicant of a portal case: a request for documents (status Nachforderung)
/// or a decision with its PDF (status entschieden). It waits in the outbox until the portal fetches it.
/// </summary>
public sealed class ReplyToApplicant(DocumentStore store, Inbox.InboxEvents events)
{
    public const long MaxDecisionPdfBytes = 20 * 1024 * 1024;

    /// <param name="RefusedFile">Why the file the clerk chose could not be taken (too large, not a PDF): then nothing is sent,
    /// never a PDF made from the text in its place.</param>
    public sealed record Reply(OutboxKind Kind, string Subject, string Body, byte[]? DecisionPdf = null, string? DecisionFileName = null, string? RefusedFile = null);

    /// <summary>Checks a chosen decision PDF; returns why it cannot be used, or null.</summary>
    public static string? CheckDecisionPdf(string fileName, long size, byte[]? firstBytes = null) =>
        size > MaxDecisionPdfBytes ? $"„{PlainText.FileName(fileName)}“ ist {size / 1024.0 / 1024.0:N1} MB groß; ein Bescheid darf höchstens 20 MB groß sein. Es wird nichts gesendet, bis Sie eine passende Datei wählen oder die Auswahl entfernen."
        : firstBytes is not null && !FileTypes.Matches("application/pdf", firstBytes) ? $"„{PlainText.FileName(fileName)}“ ist keine PDF-Datei. Es wird nichts gesendet, bis Sie eine PDF-Datei wählen oder die Auswahl entfernen."
        : null;

    /// <summary>Sends the reply: done (it waits for the portal), or refused with the reason for the clerk.</summary>
    public async Task<Outcome> SendAsync(BackOfficeDb db, string? userId, int caseId, Reply reply, CancellationToken ct = default)
    {
        if (reply.RefusedFile is not null) return Outcome.Refused(reply.RefusedFile);
        if (string.IsNullOrWhiteSpace(reply.Subject) || string.IsNullOrWhiteSpace(reply.Body))
            return Outcome.Refused("Bitte Betreff und Text angeben.");
        // Scoped: a case of another unit is simply not found.
        var @case = await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return Outcome.Refused("Diesen Vorgang gibt es nicht.");
        var submission = await db.Submissions.AsNoTracking().Where(s => s.CaseId == caseId)
            .Select(s => new { s.SubmissionId, s.PortalClientId }).SingleOrDefaultAsync(ct);
        if (submission is null) return Outcome.Refused("Dieser Vorgang kam nicht über das Portal; Antworten gehen hier per Post.");
        if (@case.Status >= CaseStatus.Entschieden) return Outcome.Refused("Der Vorgang ist bereits entschieden.");

        var now = DateTime.UtcNow;
        int? versionId = null;
        DocumentVersion? version = null;
        if (reply.Kind == OutboxKind.Bescheid)
        {
            var pdf = reply.DecisionPdf ?? SimplePdf.Create(reply.Subject, [$"Aktenzeichen: {@case.Reference}", $"An: {@case.ApplicantName}", "", .. reply.Body.Split('\n')]);
            if (!FileTypes.Matches("application/pdf", pdf)) return Outcome.Refused("Der Bescheid muss eine PDF-Datei sein.");
            var sha = await store.PutAsync(pdf, ct); // bytes before the row that names them
            version = new DocumentVersion
            {
                Number = 1, Sha256 = sha, Size = pdf.Length, MimeType = "application/pdf", CreatedAt = now, CreatedById = userId,
                FileName = reply.DecisionFileName ?? $"Bescheid_{@case.Reference.Replace('/', '-')}.pdf",
            };
            db.Documents.Add(new Document { CaseId = @case.Id, UnitId = @case.UnitId, Title = $"Bescheid: {reply.Subject}", Type = DocumentType.Bescheid, CreatedAt = now, Versions = [version] });
        }

        var status = reply.Kind == OutboxKind.Bescheid ? CaseStatus.Entschieden : reply.Kind == OutboxKind.Nachforderung ? CaseStatus.Nachforderung : @case.Status;
        if (status != @case.Status)
        {
            @case.Status = status;
            @case.StatusChangedAt = now;
            if (status == CaseStatus.Entschieden) @case.DecidedAt = now;
            db.CaseStatusChanges.Add(new CaseStatusChange { CaseId = @case.Id, Status = status, ChangedAt = now, UserId = userId });
        }
        // A decided case needs nothing more from its letters: they leave the open inbox.
        var finished = status == CaseStatus.Entschieden
            ? await db.InboxItems.Where(i => i.CaseId == @case.Id && i.State != InboxState.Erledigt).ToListAsync(ct) : [];
        foreach (var item in finished) { item.State = InboxState.Erledigt; item.Version++; }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        versionId = version?.Id;
        db.OutboxMessages.Add(new OutboxMessage
        {
            PortalClientId = submission.PortalClientId, UnitId = @case.UnitId, CaseId = @case.Id, SubmissionId = submission.SubmissionId,
            Kind = reply.Kind, Subject = reply.Subject.Trim(), Body = reply.Body.Trim(), DocumentVersionId = versionId, CreatedAt = now,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (finished.Count > 0) events.Publish(@case.UnitId);
        return Outcome.Done(reply.Kind == OutboxKind.Bescheid ? "Der Bescheid liegt zur Abholung durch das Portal bereit." : "Die Nachforderung liegt zur Abholung durch das Portal bereit.");
    }
}

using System.Text.Json;
using BackOffice.Data;
using BackOffice.Features.Documents;
using BackOffice.Features.Administration;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Files;

/// <summary>
/// Letters out of a case (issue 11): a Nachforderung or a Bescheid from the administration's template, seen as a PDF
/// before it goes and sent only on confirmation. Portal applicants get it through the outbox; everyone else gets a
/// printable PDF from the Postausgang. Either way the PDF is a document of the case and the case's status follows.
/// </summary>
public sealed class LetterOut(DocumentStore store, InboxEvents events)
{
    public const long MaxOwnPdfBytes = 20 * 1024 * 1024;

    /// <param name="OwnPdf">A PDF the clerk wrote elsewhere, sent instead of the generated letter.</param>
    /// <param name="RefusedFile">Why the clerk's chosen file cannot be used: then nothing is sent, never the generated letter in its place.</param>
    /// <param name="TemplateId">The template it was written from; null: the first template of its kind.</param>
    public sealed record Draft(LetterKind Kind, string Subject, string Body, byte[]? OwnPdf = null, string? OwnFileName = null, string? RefusedFile = null, int? TemplateId = null);

    /// <summary>A template the clerk can choose, as the letter form lists them.</summary>
    public sealed record Choice(int Id, string Name, LetterKind Kind);

    public static async Task<IReadOnlyList<Choice>> ChoicesAsync(BackOfficeDb db, CancellationToken ct = default) =>
        await db.LetterTemplates.AsNoTracking().OrderBy(t => t.Kind).ThenBy(t => t.Id).Select(t => new Choice(t.Id, t.Name, t.Kind)).ToListAsync(ct);

    /// <summary>The draft's template: the one it names if it is still there and of its kind, else the first of its kind.</summary>
    private static async Task<LetterTemplate> TemplateAsync(BackOfficeDb db, LetterKind kind, int? templateId, CancellationToken ct) =>
        await db.LetterTemplates.AsNoTracking().Where(t => t.Kind == kind && (templateId == null || t.Id == templateId)).OrderBy(t => t.Id).FirstOrDefaultAsync(ct)
        ?? await db.LetterTemplates.AsNoTracking().Where(t => t.Kind == kind).OrderBy(t => t.Id).FirstAsync(ct);

    /// <summary>Who writes, as the letter names them (a deputy: "… i. V. …"); their e-mail address goes into the reference block.</summary>
    public sealed record Writer(string? UserId, string Name);

    /// <summary>Whether a letter of this kind on this case goes only after a Schlusszeichnung (a Bescheid of a service that asks for one).</summary>
    public static async Task<bool> NeedsCoSignatureAsync(BackOfficeDb db, int caseId, LetterKind kind, CancellationToken ct = default) =>
        kind == LetterKind.Bescheid && await db.Cases.AsNoTracking().AnyAsync(c => c.Id == caseId && c.Service != null && c.Service.RequiresCoSignature, ct);

    /// <summary>Checks a chosen PDF; returns why it cannot be used, or null.</summary>
    public static string? CheckOwnPdf(string fileName, long size, byte[]? firstBytes = null) =>
        PlainText.FileNameProblem(fileName) is { } badName ? badName
        : size > MaxOwnPdfBytes ? $"„{PlainText.FileName(fileName)}“ ist {(size / 1024.0 / 1024.0).ToString("N1", Labels.German)} MB groß; ein Brief darf höchstens 20 MB groß sein. Es wird nichts gesendet, bis Sie eine passende Datei wählen oder die Auswahl entfernen."
        : firstBytes is not null && !FileTypes.Matches("application/pdf", firstBytes) ? $"„{PlainText.FileName(fileName)}“ ist keine PDF-Datei. Es wird nichts gesendet, bis Sie eine PDF-Datei wählen oder die Auswahl entfernen."
        : null;

    /// <summary>The template of the kind with the case's facts filled in, for the clerk to finish.</summary>
    public static Task<Draft?> DraftAsync(BackOfficeDb db, int caseId, LetterKind kind, string writerName, CancellationToken ct = default) =>
        DraftAsync(db, caseId, kind, null, writerName, ct);

    /// <summary>A template (of the kind, or the one named) with the case's facts filled in.</summary>
    public static async Task<Draft?> DraftAsync(BackOfficeDb db, int caseId, LetterKind kind, int? templateId, string writerName, CancellationToken ct = default)
    {
        var facts = await FactsAsync(db, caseId, ct);
        if (facts is null) return null;
        var template = await TemplateAsync(db, kind, templateId, ct);
        var head = await db.Letterheads.AsNoTracking().SingleAsync(ct);
        return new Draft(kind, Fill(template.Subject, facts, writerName, head), Fill(template.Body, facts, writerName, head), TemplateId: template.Id);
    }

    /// <summary>The PDF as it would go: the clerk's own or the generated letter, or why it cannot be made.</summary>
    /// <param name="coSigner">Who signed the letter off (Schlusszeichnung): then both sign it with "gez.".</param>
    public static async Task<Outcome<byte[]>> RenderAsync(BackOfficeDb db, int caseId, Draft draft, Writer writer, Writer? coSigner = null, CancellationToken ct = default)
    {
        if (draft.RefusedFile is not null) return Outcome.Refused(draft.RefusedFile);
        if (Problem(draft) is { } problem) return Outcome.Refused(problem);
        var facts = await FactsAsync(db, caseId, ct);
        if (facts is null) return Outcome.Refused(CaseWork.CaseNotFound);
        if (draft.OwnPdf is { } own) return FileTypes.Matches("application/pdf", own) ? Outcome.Made(own) : Outcome.Refused("Die gewählte Datei ist keine PDF-Datei. Es wird nichts gesendet.");
        var template = await TemplateAsync(db, draft.Kind, draft.TemplateId, ct);
        var head = await db.Letterheads.AsNoTracking().SingleAsync(ct);
        var email = writer.UserId is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == writer.UserId).Select(u => u.Email).SingleOrDefaultAsync(ct);
        if (facts.Recipient.Count > LetterPdf.MaxAddressLines)
            return Outcome.Refused($"Die Anschrift hat {facts.Recipient.Count} Zeilen; ins Anschriftfeld passen {LetterPdf.MaxAddressLines}. Bitte kürzen Sie die Anschrift in der Akte.");
        if (facts.Recipient.FirstOrDefault(l => !LetterLayout.Fits(l, LetterLayout.AddressWidth)) is { } wide)
            return Outcome.Refused($"Die Anschriftzeile „{wide}“ ist zu lang für das Anschriftfeld des Briefs (8 cm). Bitte kürzen Sie sie in der Akte. Es wird nichts gesendet.");
        if (PdfFonts.Missing(string.Join('\n', facts.Recipient)) is { Count: > 0 } badAddress)
            return Outcome.Refused($"Name oder Anschrift enthalten Zeichen, die der Brief nicht drucken kann: {string.Join(", ", badAddress)}. Es wird nichts gesendet.");
        var remedy = draft.Kind == LetterKind.Bescheid ? Fill(facts.RemedyNotice ?? template.RemedyNotice ?? "", facts, writer.Name, head) : null;
        if (PdfFonts.Missing(remedy) is { Count: > 0 } badRemedy)
            return Outcome.Refused($"Die Rechtsbehelfsbelehrung enthält Zeichen, die der Brief nicht drucken kann: {string.Join(", ", badRemedy)}. Bitte die Verwaltung, sie zu ändern.");
        return Outcome.Made(LetterPdf.Create(new LetterPdf.Content(head, facts.Unit, facts.Recipient, facts.Reference, LocalDays.Today(),
            writer.Name, email is null ? null : email, PlainText.Clean(draft.Subject)!, PlainText.Paragraphs(draft.Body)!, remedy,
            coSigner is null ? null : [(writer.Name, "Sachbearbeitung"), (coSigner.Name, "Schlusszeichnung")], LocalDays.DayOf(facts.ReceivedAt))));
    }

    /// <summary>
    /// Sends the letter the clerk saw and confirmed: its PDF into the case, the status on (Nachforderung, entschieden), and
    /// to the portal's outbox or the Postausgang. <paramref name="seenStatus"/> is the status the clerk saw: if someone
    /// changed the case meanwhile, nothing is sent.
    /// </summary>
    /// <param name="coSigner">Who signed it off, where the service asks for a Schlusszeichnung. The writer's draft on the case goes with the sending.</param>
    public async Task<Outcome> SendAsync(BackOfficeDb db, int caseId, CaseStatus seenStatus, Draft draft, Writer writer, Writer? coSigner = null, CancellationToken ct = default)
    {
        if (coSigner is null && await NeedsCoSignatureAsync(db, caseId, draft.Kind, ct))
            return Outcome.Refused("Ein Bescheid dieser Leistung geht erst nach der Schlusszeichnung hinaus. Bitte legen Sie ihn zur Schlusszeichnung vor.");
        var (pdf, error) = await RenderAsync(db, caseId, draft, writer, coSigner, ct);
        if (pdf is null) return Outcome.Refused(error!);
        if (await MissingAddressAsync(db, caseId, ct) is { } noAddress) return Outcome.Refused(noAddress);
        var @case = await db.Cases.Include(c => c.CaseFile).SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return Outcome.Refused(CaseWork.CaseNotFound);
        if (@case.Status != seenStatus) return Outcome.Stale($"Der Vorgang {@case.Reference} ist inzwischen „{Labels.Of(@case.Status)}“. Es wurde nichts gesendet; bitte prüfen.");
        if (@case.Status >= CaseStatus.Entschieden) return Outcome.Refused($"Der Vorgang {@case.Reference} ist bereits entschieden. Es wurde nichts gesendet.");
        CaseStatus? to = draft.Kind switch { LetterKind.Bescheid => CaseStatus.Entschieden, LetterKind.Nachforderung => CaseStatus.Nachforderung, _ => null };
        var submission = await db.Submissions.AsNoTracking().Where(s => s.CaseId == caseId).Select(s => new { s.SubmissionId, s.PortalClientId }).SingleOrDefaultAsync(ct);

        var now = DateTime.UtcNow;
        var subject = PlainText.Clean(draft.Subject)!;
        var label = Labels.Of(draft.Kind);
        var version = new DocumentVersion
        {
            Number = 1, Sha256 = await store.PutAsync(pdf, ct), Size = pdf.Length, MimeType = "application/pdf", CreatedAt = now, CreatedById = writer.UserId,
            FileName = draft.OwnPdf is not null && draft.OwnFileName is { } own ? PlainText.FileName(own) : $"{label}_{@case.Reference.Replace('/', '-')}.pdf",
        }; // bytes before the rows that name them
        var document = new Document { CaseId = caseId, UnitId = @case.UnitId, Title = PlainText.Fit($"{label}: {subject}", 300), CreatedAt = now, Versions = [version],
            Type = draft.Kind switch { LetterKind.Bescheid => DocumentType.Bescheid, LetterKind.Nachforderung => DocumentType.Nachforderung, _ => DocumentType.Schreiben } };

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Documents.Add(document);
        // A signed-off letter is sent by its signer: the status is theirs.
        var finished = to is null || @case.Status == to ? [] : await CaseWork.ApplyStatusAsync(db, @case, to.Value, coSigner?.UserId ?? writer.UserId, null, now, ct);
        await db.SaveChangesAsync(ct);
        db.Letters.Add(new Letter { CaseId = caseId, UnitId = @case.UnitId, Kind = draft.Kind, Subject = subject, DocumentId = document.Id,
            ByPost = submission is null, CreatedAt = now, CreatedById = writer.UserId, CoSignedById = coSigner?.UserId, CoSignedAt = coSigner is null ? null : now });
        db.LetterDrafts.RemoveRange(await db.LetterDrafts.Where(d => d.CaseId == caseId && d.AuthorId == writer.UserId).ToListAsync(ct));
        if (submission is not null)
            db.OutboxMessages.Add(new OutboxMessage
            {
                PortalClientId = submission.PortalClientId, UnitId = @case.UnitId, CaseId = caseId, SubmissionId = submission.SubmissionId,
                Kind = draft.Kind switch { LetterKind.Bescheid => OutboxKind.Bescheid, LetterKind.Nachforderung => OutboxKind.Nachforderung, _ => OutboxKind.Nachricht }, Subject = subject,
                Body = PlainText.Paragraphs(draft.Body)!, DocumentVersionId = version.Id, CreatedAt = now,
            });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (finished.Count > 0) events.Publish(@case.UnitId);
        var what = draft.Kind switch { LetterKind.Bescheid => "Der Bescheid", LetterKind.Nachforderung => "Die Nachforderung", _ => "Das Schreiben" };
        return Outcome.Done(submission is not null
            ? $"{what} liegt zur Abholung durch das Portal bereit."
            : $"{what} liegt im Postausgang zum Drucken und Versenden bereit.");
    }

    private static string? Problem(Draft d)
    {
        var subject = PlainText.Clean(d.Subject) ?? "";
        var body = PlainText.Paragraphs(d.Body) ?? "";
        if (subject.Length == 0 || body.Length == 0) return "Bitte Betreff und Text angeben.";
        if (subject.Length > LetterTemplateConfiguration.MaxSubject) return $"Der Betreff ist {subject.Length:N0} Zeichen lang; höchstens {LetterTemplateConfiguration.MaxSubject} sind möglich.";
        if (body.Length > LetterTemplateConfiguration.MaxBody) return $"Der Text ist {body.Length:N0} Zeichen lang; höchstens {LetterTemplateConfiguration.MaxBody:N0} sind möglich.";
        if (d.OwnPdf is not null && d.OwnPdf.Length > MaxOwnPdfBytes) return CheckOwnPdf(d.OwnFileName ?? "", d.OwnPdf.Length);
        if (d.OwnPdf is null && PdfFonts.Missing(subject + body) is { Count: > 0 } bad)
            return $"Diese Zeichen kann der Brief nicht drucken: {string.Join(", ", bad)}. Bitte entfernen oder umschreiben.";
        if (d.OwnPdf is null && LetterTemplates.UnknownPlaceholders(subject + body) is { Count: > 0 } open)
            return $"Im Brief stehen noch Platzhalter: {string.Join(", ", open)}. Bitte ausfüllen oder entfernen.";
        return null;
    }

    /// <summary>
    /// Why the letter cannot go yet: it goes by post (the case did not come through the portal) and the file has no
    /// address for the window, only the name. Null when it can go.
    /// </summary>
    public static async Task<string?> MissingAddressAsync(BackOfficeDb db, int caseId, CancellationToken ct = default)
    {
        if (await db.Submissions.AsNoTracking().AnyAsync(s => s.CaseId == caseId, ct)) return null; // the portal delivers it
        var facts = await FactsAsync(db, caseId, ct);
        return facts is null || facts.Recipient.Count > 1 ? null
            : $"Der Brief geht mit der Post, aber die Akte hat keine Anschrift für {facts.Applicant}. Bitte tragen Sie die Anschrift in der Akte ein (Akte öffnen, „Anschrift“). Es wird nichts gesendet.";
    }

    private sealed record Facts(string Reference, string Applicant, IReadOnlyList<string> Recipient, string Service, DateTime ReceivedAt, string Unit, string? RemedyNotice);

    private static async Task<Facts?> FactsAsync(BackOfficeDb db, int caseId, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().Where(x => x.Id == caseId)
            .Select(x => new { x.Reference, x.ApplicantName, x.Subject, Service = x.Service!.Name, x.Service.RemedyNotice, x.ReceivedAt, Unit = x.Unit!.Name, x.CaseFile!.ApplicantAddress })
            .SingleOrDefaultAsync(ct);
        if (c is null) return null;
        var address = c.ApplicantAddress;
        if (address is null)
        {
            // Portal cases filed before addresses were kept on the file: the address the portal delivered.
            var meta = await db.Submissions.AsNoTracking().Where(s => s.CaseId == caseId).Select(s => s.MetadataJson).SingleOrDefaultAsync(ct);
            var applicant = SubmissionMetadata.Read(meta)?.Applicant;
            address = applicant is null ? null : Parties.Address(applicant.Street, applicant.PostalCode, applicant.City);
        }
        var name = LetterPdf.NameForAddress(c.ApplicantName);
        return new Facts(c.Reference, name, [name, .. (address ?? "").Split(", ", StringSplitOptions.RemoveEmptyEntries)], c.Service ?? c.Subject, c.ReceivedAt, c.Unit,
            string.IsNullOrWhiteSpace(c.RemedyNotice) ? null : c.RemedyNotice);
    }

    private static string Fill(string text, Facts f, string writer, Letterhead head) => text
        .Replace("{Antragsteller}", f.Applicant).Replace("{Aktenzeichen}", f.Reference).Replace("{Leistung}", f.Service)
        .Replace("{Frist}", LocalDays.Today().AddDays(14).ToString("dd.MM.yyyy", Labels.German))
        .Replace("{Antragsdatum}", Labels.Date(f.ReceivedAt)).Replace("{Sachbearbeitung}", writer)
        .Replace("{Behörde}", head.Authority).Replace("{Anschrift}", $"{head.Street}, {head.PostalCodeCity}");
}

using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Administration;

/// <summary>The administration words the county's letters (issue 11): the letterhead and a template per letter kind.</summary>
public static class LetterTemplates
{
    public const string Placeholders = "{Antragsteller}, {Aktenzeichen}, {Leistung}, {Antragsdatum}, {Frist} (heute + 14 Tage), {Sachbearbeitung}, {Behörde}, {Anschrift}";

    private static readonly HashSet<string> Known = ["{Antragsteller}", "{Aktenzeichen}", "{Leistung}", "{Antragsdatum}", "{Frist}", "{Sachbearbeitung}", "{Behörde}", "{Anschrift}"];

    /// <summary>Braces that are no known placeholder ("{Leistng}", "{Frist." without its end): in a template a typo, in a letter a gap.</summary>
    public static IReadOnlyList<string> UnknownPlaceholders(string text, bool knownAllowed = false)
    {
        var found = System.Text.RegularExpressions.Regex.Matches(text, @"\{[^{}\n]{0,40}\}?").Select(m => m.Value).Distinct();
        return found.Where(p => !(knownAllowed && Known.Contains(p))).ToList();
    }

    private static string? TextProblem(string name, string text)
    {
        if (UnknownPlaceholders(text, knownAllowed: true) is { Count: > 0 } wrong)
            return $"In der Vorlage „{name}“ stehen unbekannte oder unvollständige Platzhalter: {string.Join(", ", wrong)}. Möglich sind: {Placeholders}.";
        if (PdfFonts.Missing(text) is { Count: > 0 } bad) return $"Diese Zeichen kann ein Brief nicht drucken: {string.Join(", ", bad)}.";
        return null;
    }

    /// <summary>Saves the first template of a kind (the county's own Nachforderung or Bescheid).</summary>
    public static async Task<Outcome> SaveTemplateAsync(BackOfficeDb db, LetterKind kind, string? subject, string? body, string? remedy, CancellationToken ct = default)
    {
        var template = await db.LetterTemplates.AsNoTracking().Where(t => t.Kind == kind).OrderBy(t => t.Id).FirstAsync(ct);
        return await SaveTemplateAsync(db, template.Id, template.Name, kind, subject, body, remedy, ct);
    }

    /// <summary>Saves a template, or adds one when <paramref name="id"/> is null. The first template of a kind keeps its kind.</summary>
    public static async Task<Outcome> SaveTemplateAsync(BackOfficeDb db, int? id, string? name, LetterKind kind, string? subject, string? body, string? remedy, CancellationToken ct = default)
    {
        name = PlainText.Clean(name) ?? "";
        subject = PlainText.Clean(subject) ?? "";
        body = PlainText.Paragraphs(body) ?? "";
        remedy = PlainText.Paragraphs(remedy) ?? "";
        if (name.Length == 0) return Outcome.Refused("Bitte der Vorlage einen Namen geben: unter ihm wählt die Sachbearbeitung sie.");
        if (name.Length > LetterTemplateConfiguration.MaxName) return Outcome.Refused($"Der Name ist zu lang (höchstens {LetterTemplateConfiguration.MaxName} Zeichen).");
        if (subject.Length == 0 || body.Length == 0) return Outcome.Refused($"Bitte Betreff und Text der Vorlage „{name}“ angeben.");
        if (subject.Length > LetterTemplateConfiguration.MaxSubject) return Outcome.Refused($"Der Betreff ist zu lang (höchstens {LetterTemplateConfiguration.MaxSubject} Zeichen).");
        if (body.Length > LetterTemplateConfiguration.MaxBody) return Outcome.Refused($"Der Text ist zu lang (höchstens {LetterTemplateConfiguration.MaxBody:N0} Zeichen).");
        if (remedy.Length > LetterTemplateConfiguration.MaxRemedy) return Outcome.Refused($"Die Rechtsbehelfsbelehrung ist zu lang (höchstens {LetterTemplateConfiguration.MaxRemedy:N0} Zeichen).");
        if (kind == LetterKind.Bescheid && remedy.Length == 0) return Outcome.Refused("Ein Bescheid braucht eine Rechtsbehelfsbelehrung.");
        if (TextProblem(name, $"{name}\n{subject}\n{body}\n{remedy}") is { } problem) return Outcome.Refused(problem);
        if (await db.LetterTemplates.AnyAsync(t => t.Name == name && t.Id != id, ct)) return Outcome.Refused($"Eine Vorlage „{name}“ gibt es schon.");
        LetterTemplate? template;
        if (id is null) db.LetterTemplates.Add(template = new LetterTemplate { Kind = kind, Subject = subject, Body = body });
        else
        {
            template = await db.LetterTemplates.SingleOrDefaultAsync(t => t.Id == id, ct);
            if (template is null) return Outcome.Refused("Diese Vorlage gibt es nicht mehr.");
            if (template.Kind != kind && await IsFirstOfKindAsync(db, template, ct)) return Outcome.Refused($"„{template.Name}“ ist die erste Vorlage ihrer Art; ihre Art bleibt.");
        }
        (template.Name, template.Kind, template.Subject, template.Body, template.RemedyNotice, template.UpdatedAt) =
            (name, kind, subject, body, kind == LetterKind.Bescheid ? remedy : null, DateTime.UtcNow);
        await db.SaveChangesAsync(ct);
        return Outcome.Done($"Die Vorlage „{name}“ ist gespeichert; neue Briefe nutzen sie ab sofort.");
    }

    /// <summary>Removes an added template; the county's own Nachforderung and Bescheid stay. Drafts begun from it keep their text.</summary>
    public static async Task<Outcome> DeleteTemplateAsync(BackOfficeDb db, int id, CancellationToken ct = default)
    {
        var template = await db.LetterTemplates.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (template is null) return Outcome.Stale("Diese Vorlage gibt es nicht mehr.");
        if (await IsFirstOfKindAsync(db, template, ct)) return Outcome.Refused($"„{template.Name}“ ist die erste Vorlage ihrer Art und bleibt.");
        db.LetterTemplates.Remove(template);
        await db.SaveChangesAsync(ct);
        return Outcome.Done($"Die Vorlage „{template.Name}“ ist gelöscht.");
    }

    /// <summary>The county's own Nachforderung or Bescheid (the first of its kind): the letter form always offers one of each.</summary>
    public static async Task<bool> IsFirstOfKindAsync(BackOfficeDb db, LetterTemplate template, CancellationToken ct = default) =>
        template.Kind != LetterKind.Schreiben && !await db.LetterTemplates.AnyAsync(t => t.Kind == template.Kind && t.Id < template.Id, ct);

    public static async Task<Outcome> SaveLetterheadAsync(BackOfficeDb db, Letterhead input, CancellationToken ct = default)
    {
        string? Field(string? v) => PlainText.Clean(v) is { Length: > 0 } x ? x : null;
        var (authority, street, city) = (Field(input.Authority), Field(input.Street), Field(input.PostalCodeCity));
        if (authority is null || street is null || city is null) return Outcome.Refused("Bitte Behörde, Straße und PLZ mit Ort angeben: sie stehen in jedem Briefkopf.");
        foreach (var (label, value) in new[] { ("Behörde", authority), ("Straße und Hausnummer", street), ("PLZ und Ort", city), ("E-Mail", input.Email), ("Internet", input.Website) })
            if (value?.Length > 200) return Outcome.Refused($"„{label}“ ist länger als 200 Zeichen.");
        if (input.Phone?.Trim().Length > 100) return Outcome.Refused("Die Telefonangabe ist länger als 100 Zeichen.");
        if (Field(input.Email) is { } email && !System.Text.RegularExpressions.Regex.IsMatch(email, @"^[^@\s]+@[^@\s]+\.[^@\s]+$")) return Outcome.Refused($"„{email}“ ist keine E-Mail-Adresse.");
        var (hours, bank) = (PlainText.Paragraphs(input.OfficeHours) is { Length: > 0 } h ? h : null, PlainText.Paragraphs(input.BankDetails) is { Length: > 0 } k ? k : null);
        foreach (var (name, text) in new[] { ("Sprechzeiten", hours), ("Bankverbindung", bank) })
        {
            if (text is null) continue;
            if (text.Length > LetterheadConfiguration.MaxFooterPart) return Outcome.Refused($"„{name}“ ist zu lang (höchstens {LetterheadConfiguration.MaxFooterPart} Zeichen).");
            if (text.Split('\n').Length > 4) return Outcome.Refused($"„{name}“ hat mehr als vier Zeilen; die Fußzeile jeder Seite hat Platz für vier.");
        }
        if (PdfFonts.Missing(string.Join(' ', authority, street, city, input.Phone, input.Email, input.Website, hours, bank)) is { Count: > 0 } bad)
            return Outcome.Refused($"Diese Zeichen kann ein Briefkopf nicht drucken: {string.Join(", ", bad)}.");
        var head = await db.Letterheads.SingleAsync(ct);
        (head.Authority, head.Street, head.PostalCodeCity, head.Phone, head.Email, head.Website) = (authority, street, city, Field(input.Phone), Field(input.Email), Field(input.Website));
        (head.OfficeHours, head.BankDetails) = (hours, bank);
        if (LetterLayout.LetterheadProblem(head) is { } tooWide) return Outcome.Refused(tooWide);
        await db.SaveChangesAsync(ct);
        return Outcome.Done("Der Briefkopf ist gespeichert.");
    }
}

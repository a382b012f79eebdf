using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Administration;

/// <summary>The administration keeps the county's services (issue 11): name, legal basis, deadlines, unit and file plan entry.</summary>
public static class Services
{
    /// <param name="RemedyNotice">The Rechtsbehelfsbelehrung of this service's Bescheide; empty: the Bescheid template's.</param>
    /// <param name="RequiresCoSignature">A Bescheid goes only after the Schlusszeichnung by the head or a co-signer of the unit.</param>
    public sealed record Entry(int? Id, string Key, string Name, string LegalBasis, string UnitKey, string? PlanCode, int? JurisdictionDays, int? DecisionDays,
        string? RemedyNotice = null, bool RequiresCoSignature = false);

    public static async Task<IReadOnlyList<Entry>> AllAsync(BackOfficeDb db, CancellationToken ct = default) =>
        await db.Services.AsNoTracking().OrderBy(s => s.Unit!.Key).ThenBy(s => s.Name)
            .Select(s => new Entry(s.Id, s.Key, s.Name, s.LegalBasis, s.Unit!.Key, s.FilePlanEntry!.Code, s.JurisdictionDeadlineDays, s.DecisionDeadlineDays,
                s.RemedyNotice, s.RequiresCoSignature)).ToListAsync(ct);

    public static async Task<Outcome> SaveAsync(BackOfficeDb db, Entry e, CancellationToken ct = default)
    {
        var key = PlainText.Clean(e.Key) ?? "";
        var name = PlainText.Clean(e.Name) ?? "";
        var law = PlainText.Clean(e.LegalBasis) ?? "";
        if (!System.Text.RegularExpressions.Regex.IsMatch(key, @"^\d{8,20}$")) return Outcome.Refused("Der Leistungsschlüssel besteht aus 8 bis 20 Ziffern (LeiKa, z. B. 99107001001000).");
        if (name.Length is 0 or > 300) return Outcome.Refused("Bitte einen Namen angeben (höchstens 300 Zeichen).");
        if (law.Length > 200) return Outcome.Refused("Die Rechtsgrundlage ist länger als 200 Zeichen.");
        var remedy = PlainText.Paragraphs(e.RemedyNotice) is { Length: > 0 } r ? r : null;
        if (remedy?.Length > LetterTemplateConfiguration.MaxRemedy) return Outcome.Refused($"Die Rechtsbehelfsbelehrung ist zu lang (höchstens {LetterTemplateConfiguration.MaxRemedy:N0} Zeichen).");
        if (PdfFonts.Missing(remedy) is { Count: > 0 } bad) return Outcome.Refused($"Diese Zeichen kann ein Brief nicht drucken: {string.Join(", ", bad)}.");
        if (remedy is not null && LetterTemplates.UnknownPlaceholders(remedy, knownAllowed: true) is { Count: > 0 } wrong)
            return Outcome.Refused($"In der Rechtsbehelfsbelehrung stehen unbekannte oder unvollständige Platzhalter: {string.Join(", ", wrong)}. Möglich sind: {LetterTemplates.Placeholders}.");
        if (e.JurisdictionDays is < 1 or > 3650 || e.DecisionDays is < 1 or > 3650) return Outcome.Refused("Fristen liegen zwischen 1 und 3.650 Tagen, oder bleiben leer, wenn das Gesetz keine setzt.");
        if (e.JurisdictionDays > e.DecisionDays) return Outcome.Refused("Die Frist für die Zuständigkeit kann nicht länger sein als die für die Entscheidung.");
        var unit = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Key == e.UnitKey, ct);
        if (unit is null) return Outcome.Refused("Bitte eine Organisationseinheit wählen.");
        var plan = e.PlanCode is null ? null : await db.FilePlanEntries.AsNoTracking().SingleOrDefaultAsync(p => p.Code == e.PlanCode, ct);
        if (e.PlanCode is not null && plan is null) return Outcome.Refused($"Den Aktenplaneintrag {e.PlanCode} gibt es nicht.");
        if (plan?.ResponsibleUnitId is { } responsible && responsible != unit.Id) return Outcome.Refused($"Unter {plan.Code} legt eine andere Organisationseinheit ihre Akten an als {unit.Name}.");
        if (await db.Services.AnyAsync(s => s.Key == key && s.Id != e.Id, ct)) return Outcome.Refused($"Den Leistungsschlüssel {key} hat schon eine andere Leistung.");
        var service = e.Id is { } id ? await db.Services.SingleOrDefaultAsync(s => s.Id == id, ct) : null;
        if (e.Id is not null && service is null) return Outcome.Refused("Diese Leistung gibt es nicht mehr.");
        if (service is null) db.Services.Add(service = new Service { Key = key, Name = name });
        (service.Key, service.Name, service.LegalBasis, service.UnitId, service.FilePlanEntryId, service.JurisdictionDeadlineDays, service.DecisionDeadlineDays) =
            (key, name, law, unit.Id, plan?.Id, e.JurisdictionDays, e.DecisionDays);
        (service.RemedyNotice, service.RequiresCoSignature) = (remedy, e.RequiresCoSignature);
        await db.SaveChangesAsync(ct);
        return Outcome.Done($"Die Leistung „{name}“ ist gespeichert; neue Vorgänge bekommen ihre Fristen.");
    }
}

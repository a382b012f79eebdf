using BackOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Scanning;

/// <summary>
/// What the administration keeps for the Scanstelle: keyword rules, the threshold for routing without a check, the
/// quality check's rate, how long paper originals are kept, and the learned routing's state. Every change is audited
/// by the context it is saved through.
/// </summary>
public static class ScanAdministration
{
    public sealed record RuleRow(int Id, string Unit, string? Service, ScanRuleMatch Match, string Text, bool Active);
    public sealed record NewRule(int UnitId, int? ServiceId, ScanRuleMatch Match, string? Text);
    /// <summary>The learned routing: the newest model (or none) and the confirmed documents there are to learn from.</summary>
    public sealed record Learning(ScanLearning.Trained? Model, int Confirmed);

    public const string ServiceOfOtherUnit = "Die gewählte Leistung gehört nicht zu dieser Organisationseinheit.";

    /// <summary>Whether the service is one of the unit's: a rule, a confirmation and a learned guess name only those.</summary>
    public static Task<bool> IsServiceOfAsync(BackOfficeDb db, int serviceId, int unitId, CancellationToken ct = default) =>
        db.Services.AnyAsync(s => s.Id == serviceId && s.UnitId == unitId, ct);

    public static async Task<IReadOnlyList<RuleRow>> RulesAsync(BackOfficeDb db, CancellationToken ct = default) =>
        await db.ScanRules.AsNoTracking().OrderBy(r => r.Unit!.Key).ThenBy(r => r.Id)
            .Select(r => new RuleRow(r.Id, r.Unit!.Key + " " + r.Unit.Name, r.Service == null ? null : r.Service.Name, r.Match, r.Text, r.Active))
            .ToListAsync(ct);

    public static async Task<Outcome> AddRuleAsync(BackOfficeDb db, NewRule rule, CancellationToken ct = default)
    {
        var text = PlainText.Clean(rule.Text)?.Trim();
        if (ScanRules.Problem(rule.Match, text) is { } problem) return Outcome.Refused(problem);
        if (!await db.OrgUnits.AnyAsync(u => u.Id == rule.UnitId, ct)) return Outcome.Refused("Bitte eine Organisationseinheit wählen.");
        var serviceId = rule.ServiceId is > 0 ? rule.ServiceId : null;
        if (serviceId is { } chosen && !await IsServiceOfAsync(db, chosen, rule.UnitId, ct)) return Outcome.Refused(ServiceOfOtherUnit);
        if (!Enum.IsDefined(rule.Match)) return Outcome.Refused("Bitte wählen, wie die Regel vergleicht.");
        // The same rule twice would count twice when rules of several units compete.
        var same = await db.ScanRules.Where(r => r.UnitId == rule.UnitId && r.ServiceId == serviceId && r.Match == rule.Match).Select(r => r.Text).ToListAsync(ct);
        if (same.Any(t => string.Equals(t, text, StringComparison.OrdinalIgnoreCase))) return Outcome.Refused("Diese Regel gibt es für diese Einheit schon.");
        db.ScanRules.Add(new ScanRule { UnitId = rule.UnitId, ServiceId = serviceId, Match = rule.Match, Text = text! });
        await db.SaveChangesAsync(ct);
        return Outcome.Done("Die Regel ist angelegt; sie gilt für die nächsten gelesenen Scans.");
    }

    public static async Task<Outcome> SetActiveAsync(BackOfficeDb db, int id, bool active, CancellationToken ct = default)
    {
        var rule = await db.ScanRules.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (rule is null) return Outcome.Stale("Diese Regel gibt es nicht mehr.");
        rule.Active = active;
        await db.SaveChangesAsync(ct);
        return Outcome.Done(active ? "Die Regel gilt wieder." : "Die Regel ist ausgeschaltet.");
    }

    public static async Task<Outcome> DeleteRuleAsync(BackOfficeDb db, int id, CancellationToken ct = default)
    {
        var rule = await db.ScanRules.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (rule is null) return Outcome.Stale("Diese Regel gibt es nicht mehr.");
        db.ScanRules.Remove(rule);
        await db.SaveChangesAsync(ct);
        return Outcome.Done("Die Regel ist gelöscht.");
    }

    public static async Task<Outcome> SaveSettingsAsync(BackOfficeDb db, ScanSetting wanted, CancellationToken ct = default)
    {
        if (ScanSettings.Problem(wanted) is { } problem) return Outcome.Refused(problem);
        var row = await db.ScanSettings.SingleOrDefaultAsync(s => s.Id == ScanSettings.Row, ct);
        if (row is null) db.ScanSettings.Add(row = new ScanSetting { Id = ScanSettings.Row });
        (row.AutoRoutePercent, row.OriginalsKeptWeeks, row.QualityCheckPercent) = (wanted.AutoRoutePercent, wanted.OriginalsKeptWeeks, wanted.QualityCheckPercent);
        await db.SaveChangesAsync(ct);
        return Outcome.Done("Die Einstellungen der Scanstelle sind gespeichert.");
    }

    public sealed record QualityRateRow(int ServiceId, string Service, int Percent);

    public static async Task<IReadOnlyList<QualityRateRow>> QualityRatesAsync(BackOfficeDb db, CancellationToken ct = default) =>
        await db.ScanQualityRates.AsNoTracking().OrderBy(r => r.Service!.Unit!.Key).ThenBy(r => r.Service!.Name)
            .Select(r => new QualityRateRow(r.ServiceId, r.Service!.Unit!.Key + " " + r.Service.Name, r.Percent)).ToListAsync(ct);

    /// <summary>Sets a service's own share for the quality check; null removes it (the general share applies).</summary>
    public static async Task<Outcome> SetQualityRateAsync(BackOfficeDb db, int serviceId, int? percent, CancellationToken ct = default)
    {
        if (percent is < 0 or > 100) return Outcome.Refused("Der Anteil der Qualitätsprüfung liegt zwischen 0 und 100 Prozent.");
        if (!await db.Services.AnyAsync(s => s.Id == serviceId, ct)) return Outcome.Refused("Bitte eine Leistung wählen.");
        var row = await db.ScanQualityRates.SingleOrDefaultAsync(r => r.ServiceId == serviceId, ct);
        if (percent is null)
        {
            if (row is null) return Outcome.Stale("Für diese Leistung gilt schon der allgemeine Anteil.");
            db.ScanQualityRates.Remove(row);
        }
        else if (row is null) db.ScanQualityRates.Add(new ScanQualityRate { ServiceId = serviceId, Percent = percent.Value });
        else row.Percent = percent.Value;
        await db.SaveChangesAsync(ct);
        return Outcome.Done(percent is null ? "Für diese Leistung gilt wieder der allgemeine Anteil." : $"Für diese Leistung werden {percent} % der Dokumente geprüft.");
    }

    public static async Task<Learning> LearningAsync(BackOfficeDb db, CancellationToken ct = default)
    {
        var model = await db.ScanModels.AsNoTracking().OrderByDescending(m => m.Id)
            .Select(m => new ScanLearning.Trained(m.TrainedAt, m.Examples, m.HeldOut, m.Accuracy, m.Classes)).FirstOrDefaultAsync(ct);
        var confirmed = await db.ScanDocuments.CountAsync(d => d.State == ScanDocumentState.Confirmed && d.InboxItemId != null, ct);
        return new Learning(model, confirmed);
    }
}

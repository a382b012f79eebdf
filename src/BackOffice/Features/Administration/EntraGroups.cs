using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Administration;

/// <summary>
/// Which Entra ID group gives which role and unit (<see cref="EntraGroupMapping"/>). A change applies at the member's
/// next sign-in with Entra ID (<see cref="Access.EntraAccounts"/>).
/// </summary>
public static class EntraGroups
{
    public sealed record Row(int Id, string GroupId, string Label, string Role, string? UnitKey, string? UnitName);

    public static async Task<IReadOnlyList<Row>> ListAsync(BackOfficeDb db, CancellationToken ct = default) =>
        await db.EntraGroupMappings.AsNoTracking().OrderBy(m => m.Label).ThenBy(m => m.GroupId)
            .Select(m => new Row(m.Id, m.GroupId, m.Label, m.Role, m.OrgUnit!.Key, m.OrgUnit!.Name)).ToListAsync(ct);

    public static async Task<Outcome> AddAsync(BackOfficeDb db, string groupId, string label, string role, int? unitId, CancellationToken ct = default)
    {
        // Entra ID names groups by their object id, a GUID; a display name would not match the token's "groups" claim.
        if (!Guid.TryParse(groupId.Trim(), out var id))
            return Outcome.Refused("Die Objekt-ID der Gruppe ist eine GUID wie 1b2c3d4e-0000-4a5b-8c9d-0123456789ab (Entra ID › Gruppen › Übersicht).");
        var group = id.ToString("D");
        label = label.Trim();
        if (label.Length > 200) return Outcome.Refused("Die Bezeichnung ist zu lang (höchstens 200 Zeichen).");
        if (!Roles.All.Contains(role)) return Outcome.Refused("Bitte eine der Rollen wählen.");
        if (unitId is { } u && !await db.OrgUnits.AnyAsync(x => x.Id == u, ct)) return Outcome.Refused("Diese Einheit gibt es nicht mehr.");
        if (unitId is null && Roles.WorksForUnits(role))
            return Outcome.Refused($"Die Rolle {role} arbeitet für eine Einheit: bitte eine wählen.");
        if (unitId is not null && role == Roles.Admin) return Outcome.Refused("Die Administration arbeitet für keine Einheit: bitte keine wählen.");
        var others = await db.EntraGroupMappings.Where(m => m.GroupId == group).ToListAsync(ct);
        if (others.Any(m => m.Role != role))
            return Outcome.Refused($"Diese Gruppe gibt schon die Rolle {others[0].Role}; eine Gruppe gibt nur eine Rolle.");
        if (others.Any(m => m.OrgUnitId == unitId)) return Outcome.Stale("Diese Zuordnung gibt es schon.");
        db.EntraGroupMappings.Add(new EntraGroupMapping { GroupId = group, Label = label, Role = role, OrgUnitId = unitId });
        db.LogEvent("entra-mapping-added", nameof(EntraGroupMapping), group, details: $"{label}: {role}, Einheit {unitId}");
        await db.SaveChangesAsync(ct);
        return Outcome.Done($"Mitglieder der Gruppe „{(label.Length > 0 ? label : group)}“ bekommen bei der nächsten Anmeldung die Rolle {role}.");
    }

    public static async Task<Outcome> RemoveAsync(BackOfficeDb db, int mappingId, CancellationToken ct = default)
    {
        var mapping = await db.EntraGroupMappings.SingleOrDefaultAsync(m => m.Id == mappingId, ct);
        if (mapping is null) return Outcome.Stale("Diese Zuordnung ist schon entfernt.");
        db.EntraGroupMappings.Remove(mapping);
        db.LogEvent("entra-mapping-removed", nameof(EntraGroupMapping), mapping.GroupId, details: $"{mapping.Label}: {mapping.Role}, Einheit {mapping.OrgUnitId}");
        await db.SaveChangesAsync(ct);
        return Outcome.Done($"Die Zuordnung der Gruppe „{(mapping.Label.Length > 0 ? mapping.Label : mapping.GroupId)}“ ist entfernt; sie gilt ab der nächsten Anmeldung ihrer Mitglieder nicht mehr.");
    }
}

using BackOffice.Data;
using BackOffice.Features.Files;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Administration;

/// <summary>
/// The county's organisation tree (Kreis › Fachbereich › Fachdienst › Team): read as a flat list in tree order, add a
/// unit below another, rename one. Units are never deleted here: cases, items and the audit trail refer to them.
/// </summary>
public static class OrgUnits
{
    public sealed record Node(int Id, string Key, string Name, UnitLevel Level, int? ParentId, int Depth, int Members);

    /// <summary>Every unit, each after its parent, siblings by key (a few hundred at most: sorted here).</summary>
    public static async Task<IReadOnlyList<Node>> TreeAsync(BackOfficeDb db, CancellationToken ct = default)
    {
        var units = await db.OrgUnits.AsNoTracking()
            .Select(u => new { u.Id, u.Key, u.Name, u.Level, u.ParentId, Members = db.UserUnits.Count(x => x.OrgUnitId == u.Id) }).ToListAsync(ct);
        return TreeOrder.Flatten(units, u => u.Id, u => u.ParentId, u => u.Key, TreeOrder.KeyComparer)
            .Select(x => new Node(x.Node.Id, x.Node.Key, x.Node.Name, x.Node.Level, x.Node.ParentId, x.Depth, x.Node.Members)).ToList();
    }

    public static async Task<Outcome> AddAsync(BackOfficeDb db, int parentId, string key, string name, CancellationToken ct = default)
    {
        var parent = await db.OrgUnits.SingleOrDefaultAsync(u => u.Id == parentId, ct);
        if (parent is null) return Outcome.Refused("Bitte die übergeordnete Einheit wählen.");
        if (parent.Level == UnitLevel.Team) return Outcome.Refused("Unter einem Team gibt es keine weitere Ebene.");
        key = key.Trim();
        name = PlainText.Clean(name) ?? ""; // no control or bidi formatting characters, as every name
        if (key.Length is 0 or > 20 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-'))
            return Outcome.Refused("Das Kürzel braucht 1 bis 20 Zeichen: Ziffern, Buchstaben, Punkt oder Bindestrich (z. B. 50.3).");
        if (name.Length is 0 or > 200) return Outcome.Refused("Bitte den Namen der Einheit angeben (höchstens 200 Zeichen).");
        if (await db.OrgUnits.AnyAsync(u => u.Key == key, ct)) return Outcome.Refused($"Das Kürzel „{key}“ hat schon eine andere Einheit.");
        var unit = new OrgUnit { Key = key, Name = name, ParentId = parent.Id, Level = parent.Level + 1 };
        db.OrgUnits.Add(unit);
        db.LogEvent("unit-created", nameof(OrgUnit), key, details: $"{name} unter {parent.Key}");
        await db.SaveChangesAsync(ct);
        return Outcome.Done($"{Labels.Of(unit.Level)} „{key} {name}“ ist unter „{parent.Key} {parent.Name}“ angelegt.");
    }

    public static async Task<Outcome> RenameAsync(BackOfficeDb db, int unitId, string name, CancellationToken ct = default)
    {
        var unit = await db.OrgUnits.SingleOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null) return Outcome.Refused("Diese Einheit gibt es nicht.");
        name = PlainText.Clean(name) ?? ""; // no control or bidi formatting characters, as every name
        if (name.Length is 0 or > 200) return Outcome.Refused("Bitte den Namen der Einheit angeben (höchstens 200 Zeichen).");
        if (name == unit.Name) return Outcome.Stale($"„{unit.Key}“ heißt schon so.");
        var old = unit.Name;
        unit.Name = name;
        db.LogEvent("unit-renamed", nameof(OrgUnit), unit.Key, details: $"{old} → {name}");
        await db.SaveChangesAsync(ct);
        return Outcome.Done($"„{unit.Key}“ heißt jetzt „{name}“.");
    }
}

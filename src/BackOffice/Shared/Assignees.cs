using System.Globalization;
using BackOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Shared;

/// <summary>Someone work can be given to: an account's id and the name people know them by.</summary>
public sealed record Person(string Id, string Name);

/// <summary>
/// Who may take a unit's work (an inbox item, a case): the clerks and heads who work for that unit itself (a head of the
/// Fachbereich oversees its Fachdienste but does not work their cases), whose accounts are switched on. Every list that offers people and every assignment
/// asks this one query, so that nobody is offered, or given, work they cannot open.
/// </summary>
public static class Assignees
{
    private static readonly StringComparer German = StringComparer.Create(CultureInfo.GetCultureInfo("de-DE"), true);

    /// <summary>For each of the units, who may take its work, sorted by name.</summary>
    public static async Task<IReadOnlyDictionary<int, IReadOnlyList<Person>>> ByUnitAsync(BackOfficeDb db, IReadOnlyCollection<int> unitIds, CancellationToken ct = default)
    {
        var units = unitIds.Distinct().ToList();
        var members = await db.UserUnits.AsNoTracking().Where(m => units.Contains(m.OrgUnitId))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.OrgUnitId, u.Id, u.DisplayName, u.Role, u.Disabled })
            .Where(x => !x.Disabled && (x.Role == Roles.Clerk || x.Role == Roles.Head))
            .ToListAsync(ct);
        return units.ToDictionary(unit => unit, unit => (IReadOnlyList<Person>)members.Where(m => m.OrgUnitId == unit)
            .Select(m => new Person(m.Id, m.DisplayName)).DistinctBy(p => p.Id).OrderBy(p => p.Name, German).ToList());
    }

    /// <summary>Who may take work of any of the units (a list for a selection across units), sorted by name.</summary>
    public static async Task<IReadOnlyList<Person>> ForUnitsAsync(BackOfficeDb db, IReadOnlyCollection<int> unitIds, CancellationToken ct = default) =>
        AnyOf(await ByUnitAsync(db, unitIds, ct));

    /// <summary>Everyone of the lists by unit, each once, sorted by name.</summary>
    public static IReadOnlyList<Person> AnyOf(IReadOnlyDictionary<int, IReadOnlyList<Person>> byUnit) =>
        byUnit.Values.SelectMany(p => p).DistinctBy(p => p.Id).OrderBy(p => p.Name, German).ToList();

    /// <summary>The person, if they may take the unit's work; null if not (another unit, switched off, not a clerk or head).</summary>
    public static async Task<Person?> FindAsync(BackOfficeDb db, int unitId, string? personId, CancellationToken ct = default) =>
        string.IsNullOrEmpty(personId) ? null : (await ByUnitAsync(db, [unitId], ct))[unitId].FirstOrDefault(p => p.Id == personId);

    /// <summary>Why the work cannot go to that person, in German.</summary>
    public static async Task<string> RefusalAsync(BackOfficeDb db, int unitId, string? personId, CancellationToken ct = default)
    {
        var name = string.IsNullOrEmpty(personId) ? null : await db.Users.Where(u => u.Id == personId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        var unit = await db.OrgUnits.Where(u => u.Id == unitId).Select(u => u.Key + " " + u.Name).SingleOrDefaultAsync(ct);
        return name is null
            ? "Diese Person gibt es nicht. Bitte aus der Liste wählen."
            : $"{name} kann diese Arbeit nicht übernehmen: Das Konto ist abgeschaltet oder arbeitet nicht für {unit}. Bitte jemanden aus der Liste wählen.";
    }
}

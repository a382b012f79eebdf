namespace BackOffice.Data;

/// <summary>
/// Which units' records a context may see. Every <see cref="IUnitOwned"/> set of
/// <see cref="BackOfficeDb"/> is filtered by it; a context starts with <see cref="Nothing"/>,
/// so code that forgets to set a scope sees no records rather than all of them.
/// </summary>
public sealed record UnitScope(bool All, IReadOnlyList<int> UnitIds)
{
    public static readonly UnitScope Nothing = new(false, []);
    /// <summary>For system work only: migrations, seeding, imports on behalf of a checked client.</summary>
    public static readonly UnitScope System = new(true, []);
    public static UnitScope Of(IEnumerable<int> unitIds) => new(false, unitIds.Distinct().Order().ToArray());
    public bool Contains(int unitId) => All || UnitIds.Contains(unitId);
}

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

    /// <summary>
    /// A user's units, knowing how many units the county has: someone who works for every unit (the head of the whole
    /// county) gets no unit filter at all, so that lists walk their date index instead of a list of every unit id.
    /// </summary>
    public static UnitScope Of(IEnumerable<int> unitIds, int unitsInCounty)
    {
        var scope = Of(unitIds);
        return scope.UnitIds.Count > 0 && scope.UnitIds.Count == unitsInCounty ? scope with { All = true } : scope;
    }
    public bool Contains(int unitId) => All || UnitIds.Contains(unitId);
}

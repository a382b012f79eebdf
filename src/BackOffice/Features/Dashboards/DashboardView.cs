using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Dashboards;

public sealed record UnitNode(int Id, string Key, string Name, UnitLevel Level, int? ParentId);

/// <summary>A unit one level below the one looked at, with the units it stands for (itself and all below, in scope).</summary>
public sealed record ChildUnit(UnitNode Unit, IReadOnlyList<int> UnitIds);

/// <summary>
/// A <see cref="DashboardSelection"/> checked against the head's scope: which units it counts (the chosen unit and all
/// below it that the head may see), the way down to it, the units one level below, and the clerk looked at.
/// Every figure and every list behind a figure filters through <see cref="Cases"/> and <see cref="Items"/>.
/// </summary>
public sealed record DashboardView(
    DashboardSelection Selection,
    UnitNode? Unit,
    IReadOnlyList<UnitNode> Path,
    IReadOnlyList<int> UnitIds,
    IReadOnlyList<ChildUnit> Children,
    string? ClerkName,
    string? ServiceName,
    IReadOnlyList<(UnitNode Unit, int Depth)> Visible)
{
    public IQueryable<Case> Cases(IQueryable<Case> cases)
    {
        var units = UnitIds;
        cases = cases.Where(c => units.Contains(c.UnitId));
        var s = Selection;
        if (s.Clerk == DashboardSelection.Nobody) cases = cases.Where(c => c.AssigneeId == null);
        else if (s.Clerk is { } clerk) cases = cases.Where(c => c.AssigneeId == clerk);
        if (s.ServiceId is { } service) cases = cases.Where(c => c.ServiceId == service);
        if (s.Channel is { } channel) cases = cases.Where(c => c.Channel == channel);
        return cases;
    }

    public IQueryable<InboxItem> Items(IQueryable<InboxItem> items)
    {
        var units = UnitIds;
        items = items.Where(i => units.Contains(i.UnitId));
        var s = Selection;
        if (s.Clerk == DashboardSelection.Nobody) items = items.Where(i => i.AssigneeId == null);
        else if (s.Clerk is { } clerk) items = items.Where(i => i.AssigneeId == clerk);
        if (s.ServiceId is { } service) items = items.Where(i => i.ServiceId == service);
        if (s.Channel is { } channel) items = items.Where(i => i.Channel == channel);
        return items;
    }

    /// <summary>What the view shows, in words: "Fachbereich Soziales › Eingliederungshilfe › Anna Becker".</summary>
    public string Title => string.Join(" › ", Path.Select(u => u.Name).Append(ClerkName).Where(x => x is not null)) is { Length: > 0 } t
        ? t : "Ihre Organisationseinheiten";

    /// <summary>
    /// Checks the selection against the user's scope (the context's). Null when the unit, the clerk or the service is not
    /// one of the user's: the page then answers "not found", the same as for a unit that does not exist.
    /// </summary>
    public static async Task<DashboardView?> ResolveAsync(BackOfficeDb db, string userId, DashboardSelection s, CancellationToken ct = default)
    {
        var units = await db.OrgUnits.AsNoTracking().Select(u => new UnitNode(u.Id, u.Key, u.Name, u.Level, u.ParentId)).ToListAsync(ct);
        var byId = units.ToDictionary(u => u.Id);
        var visible = units.Where(u => db.Scope.Contains(u.Id)).Select(u => u.Id).ToHashSet();
        if (visible.Count == 0) return null;
        var own = (await db.UserUnits.AsNoTracking().Where(u => u.UserId == userId).Select(u => u.OrgUnitId).ToListAsync(ct))
            .Where(visible.Contains).ToHashSet();
        // The head's top units: their own units that no other of their units contains.
        var roots = units.Where(u => own.Contains(u.Id) && !Ancestors(u, byId).Any(a => own.Contains(a.Id))).OrderBy(u => u.Key, TreeOrder.KeyComparer).ToList();
        if (roots.Count == 0) return null;

        UnitNode? unit;
        if (s.Unit is null) unit = roots.Count == 1 ? roots[0] : null;
        else
        {
            unit = units.FirstOrDefault(u => u.Key == s.Unit);
            if (unit is null || !visible.Contains(unit.Id)) return null;
        }
        var children = units.ToLookup(u => u.ParentId);
        var tree = units.Select(u => (u.Id, u.ParentId)).ToList();
        IReadOnlyList<int> Below(UnitNode top) => TreeOrder.Below(tree, [top.Id]).Where(visible.Contains).ToList();
        var next = unit is null ? roots : children[unit.Id].OrderBy(u => u.Key, TreeOrder.KeyComparer).ToList();
        var unitIds = unit is null ? roots.SelectMany(Below).Distinct().ToList() : Below(unit);
        var path = unit is null ? [] : Ancestors(unit, byId).TakeWhile(a => visible.Contains(a.Id)).Reverse().Append(unit).ToList();

        string? clerkName = null;
        if (s.Clerk == DashboardSelection.Nobody) clerkName = "nicht zugewiesen";
        else if (s.Clerk is { } clerk)
        {
            // A clerk of these units, or someone who holds cases here (a person who has since moved on).
            clerkName = await db.Users.AsNoTracking().Where(u => u.Id == clerk
                    && (db.UserUnits.Any(x => x.UserId == u.Id && unitIds.Contains(x.OrgUnitId)) || db.Cases.Any(c => c.AssigneeId == u.Id && unitIds.Contains(c.UnitId))))
                .Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
            if (clerkName is null) return null;
        }
        string? serviceName = null;
        if (s.ServiceId is { } service)
        {
            // A service of these units only: another Fachbereich's service would count nothing and name what is not theirs.
            serviceName = await db.Services.AsNoTracking().Where(x => x.Id == service && unitIds.Contains(x.UnitId)).Select(x => x.Name).SingleOrDefaultAsync(ct);
            if (serviceName is null) return null;
        }
        return new DashboardView(s, unit, path, unitIds,
            next.Where(u => visible.Contains(u.Id)).Select(u => new ChildUnit(u, Below(u))).ToList(), clerkName, serviceName,
            TreeOrder.Flatten(units.Where(u => visible.Contains(u.Id)).Select(u => u with { ParentId = u.ParentId is { } p && visible.Contains(p) ? p : null }),
                u => u.Id, u => u.ParentId, u => u.Key, TreeOrder.KeyComparer));
    }

    private static IEnumerable<UnitNode> Ancestors(UnitNode unit, Dictionary<int, UnitNode> byId)
    {
        for (var p = unit.ParentId; p is { } id && byId.TryGetValue(id, out var parent); p = parent.ParentId) yield return parent;
    }
}

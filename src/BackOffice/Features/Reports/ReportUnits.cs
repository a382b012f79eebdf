using System.Security.Claims;
using BackOffice.Data;
using BackOffice.Features.Access;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Reports;

/// <summary>
/// Which units a user's reports count: Controlling the units granted to it (and all below), a head their own (and all
/// below), anyone else none. A chosen unit narrows this to it and what lies below; a unit outside is not found.
/// </summary>
public sealed class ReportUnits(UnitScopes scopes, IDbContextFactory<BackOfficeDb> factory)
{
    public sealed record Choice(IReadOnlyList<int> UnitIds, string Names);

    public async Task<IReadOnlyList<int>> AllowedAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return [];
        if (user.IsInRole(Roles.Controlling)) return await scopes.StatisticsUnitsAsync(userId, ct);
        if (!user.IsInRole(Roles.Head)) return [];
        var scope = await scopes.ForAsync(user, ct);
        if (!scope.All) return scope.UnitIds;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.OrgUnits.Select(u => u.Id).ToListAsync(ct);
    }

    /// <summary>The allowed units, or those of <paramref name="unitKey"/> and below; null when that unit is not the user's.</summary>
    public async Task<Choice?> ChooseAsync(ClaimsPrincipal user, string? unitKey, CancellationToken ct = default)
    {
        var allowed = (await AllowedAsync(user, ct)).ToHashSet();
        await using var db = await factory.CreateDbContextAsync(ct);
        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.Key, u.Name, u.ParentId }).ToListAsync(ct);
        var ids = allowed;
        if (!string.IsNullOrEmpty(unitKey))
        {
            var top = units.FirstOrDefault(u => u.Key == unitKey);
            if (top is null || !allowed.Contains(top.Id)) return null;
            ids = TreeOrder.Below(units.Select(u => (u.Id, u.ParentId)), [top.Id]);
            ids.IntersectWith(allowed);
        }
        // Named by the highest of them: "50 Fachbereich Soziales" rather than its four units.
        var chosen = units.Where(u => ids.Contains(u.Id)).ToList();
        var tops = chosen.Where(u => u.ParentId is not { } p || !ids.Contains(p)).OrderBy(u => u.Key, TreeOrder.KeyComparer);
        return new Choice([.. ids.Order()], string.Join(", ", tops.Select(u => $"{u.Key} {u.Name}")));
    }
}

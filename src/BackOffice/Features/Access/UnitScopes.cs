using System.Security.Claims;
using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace BackOffice.Features.Access;

/// <summary>
/// Computes which units a user may see. This is the only place that turns a role and unit
/// memberships into a <see cref="UnitScope"/>:
/// clerks and the mail room see their own units; department heads also see every unit below the ones
/// they work for. Controlling and Administration read no case data at all (no case, item or document):
/// Controlling works with figures, which the statistics compute for the units it is granted
/// (<see cref="StatisticsUnitsAsync"/>), never with a citizen's file.
/// </summary>
public sealed class UnitScopes(IDbContextFactory<BackOfficeDb> factory, IMemoryCache cache)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public async Task<UnitScope> ForAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return UnitScope.Nothing;
        return await cache.GetOrCreateAsync(("scope", userId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            await using var db = await factory.CreateDbContextAsync(ct);
            var account = await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new { u.Role, Units = u.Units.Select(x => x.OrgUnitId).ToList() }).SingleOrDefaultAsync(ct);
            if (account is null) return UnitScope.Nothing;
            return account.Role switch
            {
                Roles.Clerk or Roles.MailRoom => UnitScope.Of(account.Units),
                Roles.Head => UnitScope.Of(await WithDescendantsAsync(db, account.Units, ct), await db.OrgUnits.CountAsync(ct)),
                _ => UnitScope.Nothing,
            };
        }) ?? UnitScope.Nothing;
    }

    /// <summary>The units whose figures a controller or head may count (the granted units and all below them).</summary>
    public async Task<IReadOnlyList<int>> StatisticsUnitsAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var units = await db.UserUnits.AsNoTracking().Where(u => u.UserId == userId).Select(u => u.OrgUnitId).ToListAsync(ct);
        return await WithDescendantsAsync(db, units, ct);
    }

    /// <summary>
    /// The units whose Posteingang somebody reads: the units of switched-on clerks and mail room accounts, and those of
    /// heads with every unit below them (the same rule as <see cref="ForAsync"/>). Work sent to any other unit would
    /// sit where no one sees it.
    /// </summary>
    public static async Task<HashSet<int>> UnitsSomeoneWorksInAsync(BackOfficeDb db, CancellationToken ct = default)
    {
        var holders = await db.UserUnits.AsNoTracking()
            .Join(db.Users.Where(u => !u.Disabled && (u.Role == Roles.Clerk || u.Role == Roles.MailRoom || u.Role == Roles.Head)),
                m => m.UserId, u => u.Id, (m, u) => new { m.OrgUnitId, u.Role })
            .ToListAsync(ct);
        var units = holders.Where(h => h.Role != Roles.Head).Select(h => h.OrgUnitId).ToHashSet();
        units.UnionWith(await WithDescendantsAsync(db, holders.Where(h => h.Role == Roles.Head).Select(h => h.OrgUnitId).Distinct().ToList(), ct));
        return units;
    }

    /// <summary>Forget cached scopes, e.g. after an administrator changed memberships.</summary>
    public void Invalidate(string userId) => cache.Remove(("scope", userId));

    private static async Task<List<int>> WithDescendantsAsync(BackOfficeDb db, List<int> roots, CancellationToken ct)
    {
        var parents = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToListAsync(ct);
        return [.. TreeOrder.Below(parents.Select(p => (p.Id, p.ParentId)), roots)];
    }
}

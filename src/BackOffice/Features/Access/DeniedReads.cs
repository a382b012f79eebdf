using System.Linq.Expressions;
using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace BackOffice.Features.Access;

/// <summary>
/// Logs attempts to read a record of a unit the user does not work for (a case or document id typed into the
/// address bar, an old link after a forward) in the audit trail. Bounded: at most <see cref="PerUserPerMinute"/>
/// events per user and minute, so that a script probing ids cannot flood the append-only trail.
/// </summary>
public sealed class DeniedReads(IMemoryCache cache)
{
    public const int PerUserPerMinute = 20;

    /// <summary>
    /// Call when the user's scoped context did not find a record: if it exists outside their units, the attempt is
    /// logged and saved; a record that does not exist at all is not an attempt on anything.
    /// </summary>
    public async Task LogIfElsewhereAsync<T>(BackOfficeDb db, Expression<Func<T, bool>> match, string entityId, CancellationToken ct = default) where T : class
    {
        if (!await db.Set<T>().IgnoreQueryFilters().AnyAsync(match, ct)) return;
        if (MinuteCounts.Increment(cache, "read-denied", db.Actor) > PerUserPerMinute) return;
        db.LogEvent("read-denied", typeof(T).Name, entityId);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// For a record's page while it prerenders: true when the user's scope has the record; otherwise the answer is the
    /// German 404 page and an attempt on another unit's record is logged. The page reads (and logs) the record itself
    /// once, interactively.
    /// </summary>
    public async Task<bool> FoundWhilePrerenderingAsync<T>(BackOfficeDb db, Expression<Func<T, bool>> match, string entityId,
        HttpContext? http, NavigationManager navigation) where T : class
    {
        if (await db.Set<T>().AnyAsync(match)) return true;
        if (http is not null) navigation.NotFound();
        await LogIfElsewhereAsync(db, match, entityId);
        return false;
    }
}

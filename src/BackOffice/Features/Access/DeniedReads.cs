using System.Runtime.CompilerServices;
using BackOffice.Data;
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

    public void Log(BackOfficeDb db, string entityType, string entityId)
    {
        var key = ("denied", db.Actor, DateTime.UtcNow.Ticks / TimeSpan.TicksPerMinute);
        var count = cache.GetOrCreate(key, e => { e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(2); return new StrongBox<int>(); })!;
        if (Interlocked.Increment(ref count.Value) > PerUserPerMinute) return;
        db.LogEvent("read-denied", entityType, entityId);
    }
}

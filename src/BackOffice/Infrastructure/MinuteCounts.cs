using System.Runtime.CompilerServices;
using Microsoft.Extensions.Caching.Memory;

namespace BackOffice.Infrastructure;

/// <summary>
/// Counts events per kind and subject (a user, a client address) in the current minute, in the memory cache:
/// what bounds denied-read logging and slows down key guessing.
/// </summary>
public static class MinuteCounts
{
    /// <summary>Counts one more event and returns the minute's count so far, this one included.</summary>
    public static int Increment(IMemoryCache cache, string kind, string subject)
    {
        var count = cache.GetOrCreate(Key(kind, subject), e => { e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(2); return new StrongBox<int>(); })!;
        return Interlocked.Increment(ref count.Value);
    }

    /// <summary>The minute's count so far.</summary>
    public static int Current(IMemoryCache cache, string kind, string subject) =>
        cache.TryGetValue(Key(kind, subject), out StrongBox<int>? count) ? count!.Value : 0;

    private static (string, string, long) Key(string kind, string subject) => (kind, subject, DateTime.UtcNow.Ticks / TimeSpan.TicksPerMinute);
}

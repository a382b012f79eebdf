using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Caching.Memory;
using StackExchange.Redis;

namespace BackOffice.Infrastructure;

/// <summary>
/// The counts behind the throttles (failed sign-ins per address, wrong portal keys per address, the portal clients'
/// request rate), held in Redis when it is configured, so that several app instances count together and a limit
/// is not N times itself. Without Redis, or while it is away, each instance counts for itself (the limit then holds
/// per instance), and the clerk never sees an error for it.
/// </summary>
public sealed class SharedCounters(LiveBus bus, IMemoryCache cache, ILogger<SharedCounters> log)
{
    private const string Prefix = "backoffice:";
    private readonly ConcurrentDictionary<string, double> _localRates = new();
    private int _reportedDown;

    /// <summary>
    /// Counts one more event of <paramref name="kind"/> for <paramref name="subject"/> and returns the count of this
    /// window and the one before, this one included: the events of the last one to two windows, so that a count never
    /// drops to nothing at a window's boundary.
    /// </summary>
    public async Task<long> AddAsync(string kind, string subject, TimeSpan window)
    {
        var (key, previous) = WindowKeys(kind, subject, window);
        if (bus.Store is { } redis)
        {
            try
            {
                var count = await redis.StringIncrementAsync(key);
                if (count == 1) await redis.KeyExpireAsync(key, window * 2);
                return count + ((long?)await redis.StringGetAsync(previous) ?? 0);
            }
            catch (Exception e) when (e is RedisException or TimeoutException) { ReportDown(e); }
        }
        var box = cache.GetOrCreate(key, e => { e.AbsoluteExpirationRelativeToNow = window * 2; return new StrongBox<long>(); })!;
        return Interlocked.Increment(ref box.Value) + LocalCount(previous);
    }

    /// <summary>The count of this window and the one before.</summary>
    public async Task<long> CurrentAsync(string kind, string subject, TimeSpan window)
    {
        var (key, previous) = WindowKeys(kind, subject, window);
        if (bus.Store is { } redis)
        {
            try { return (await redis.StringGetAsync([key, previous])).Sum(v => (long?)v ?? 0); }
            catch (Exception e) when (e is RedisException or TimeoutException) { ReportDown(e); }
        }
        return LocalCount(key) + LocalCount(previous);
    }

    private long LocalCount(string key) => cache.TryGetValue(key, out StrongBox<long>? box) ? Interlocked.Read(ref box!.Value) : 0;

    // The generic cell rate algorithm: a request is allowed when the theoretical arrival time it pushes forward stays
    // within the burst; one number per client, in Redis's own clock so that the instances' clocks do not matter.
    private const string RateScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
        local interval = tonumber(ARGV[1])
        local limit = tonumber(ARGV[2])
        local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
        if tat < now then tat = now end
        local next = tat + interval
        if next - now > limit then return math.ceil(next - now - limit) end
        redis.call('SET', KEYS[1], tostring(next), 'PX', math.ceil(next - now) + 1000)
        return 0
        """;

    /// <summary>
    /// Takes one request of <paramref name="subject"/> at <paramref name="perSecond"/> sustained with bursts of
    /// <paramref name="burst"/>: null when it may go, else how long to wait.
    /// </summary>
    public async Task<TimeSpan?> TakeAsync(string subject, int perSecond, int burst)
    {
        var interval = 1000.0 / Math.Max(1, perSecond);
        var limit = interval * Math.Max(1, burst);
        var key = Prefix + "rate:" + subject;
        if (bus.Store is { } redis)
        {
            try
            {
                var wait = (long)await redis.ScriptEvaluateAsync(RateScript, [key], [interval, limit]);
                return wait > 0 ? TimeSpan.FromMilliseconds(wait) : null;
            }
            catch (Exception e) when (e is RedisException or TimeoutException) { ReportDown(e); }
        }
        var now = Environment.TickCount64 * 1.0;
        lock (_localRates)
        {
            var tat = Math.Max(_localRates.GetValueOrDefault(key), now);
            var next = tat + interval;
            if (next - now > limit) return TimeSpan.FromMilliseconds(Math.Ceiling(next - now - limit));
            _localRates[key] = next;
            return null;
        }
    }

    private static (string Current, string Previous) WindowKeys(string kind, string subject, TimeSpan window)
    {
        var index = DateTime.UtcNow.Ticks / window.Ticks;
        return ($"{Prefix}count:{kind}:{subject}:{index}", $"{Prefix}count:{kind}:{subject}:{index - 1}");
    }

    private void ReportDown(Exception e)
    {
        // Once per minute at most: a flood of refused requests must not flood the log.
        var minute = (int)(Environment.TickCount64 / 60_000);
        if (Interlocked.Exchange(ref _reportedDown, minute) != minute)
            log.LogWarning(e, "Redis did not answer; the throttles count on this instance alone meanwhile.");
    }
}

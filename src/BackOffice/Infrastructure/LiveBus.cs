using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BackOffice.Infrastructure;

/// <summary>
/// Carries "something changed" news (an inbox, cases of some units, the Scanstelle) to the other app instances of an
/// installation, through Redis's publish and subscribe. The news classes (InboxEvents, RecordChanges, ScanEvents)
/// tell their own instance's pages directly and hand the news here for the others. Without Redis configured there
/// are no others and this does nothing. When Redis is away, news to other instances is lost until it is back (their
/// pages show changes at the next reload or action), one log line says so, and nobody sees an error; the client
/// reconnects by itself and the subscriptions come back with it.
/// </summary>
public sealed class LiveBus : IHostedService, IAsyncDisposable
{
    private const string ChannelPrefix = "backoffice:";
    private readonly string? _configuration;
    private readonly ILogger<LiveBus> _log;
    /// <summary>Read and written under its own lock only (Listen and StartAsync may meet).</summary>
    private readonly Dictionary<string, Action<string>> _listeners = new();
    /// <summary>Tells this process's own messages from others' (they come back from Redis too).</summary>
    private readonly string _sender = Guid.NewGuid().ToString("N");
    private ConnectionMultiplexer? _redis;
    private int _reportedDown;

    public LiveBus(IOptions<BackOfficeOptions> options, ILogger<LiveBus> log)
    {
        _configuration = string.IsNullOrWhiteSpace(options.Value.Redis) ? null : options.Value.Redis;
        _log = log;
    }

    /// <summary>Whether news reaches other instances now (no Redis configured: there are none, so it does).</summary>
    public bool Connected => _configuration is null || _redis?.IsConnected == true;

    /// <summary>Redis's key store while it is reachable (the shared throttles count there); null without it.</summary>
    public IDatabase? Store => _redis is { IsConnected: true } redis ? redis.GetDatabase() : null;

    /// <summary>Calls <paramref name="listener"/> with each message on <paramref name="topic"/> from another instance.</summary>
    public void Listen(string topic, Action<string> listener)
    {
        lock (_listeners)
        {
            if (!_listeners.TryAdd(topic, listener)) throw new InvalidOperationException($"The topic {topic} has a listener already.");
            if (_redis is not null) Subscribe(topic);
        }
    }

    /// <summary>Sends a message to the other instances; never throws, never waits for Redis.</summary>
    public void Send(string topic, string message)
    {
        if (_redis is null) return;
        try
        {
            _redis.GetSubscriber().Publish(RedisChannel.Literal(ChannelPrefix + topic), _sender + "|" + message, CommandFlags.FireAndForget);
        }
        catch (Exception e) { ReportDown(e); }
    }

    public async Task StartAsync(CancellationToken ct)
    {
        if (_configuration is null) return;
        var config = ConfigurationOptions.Parse(_configuration);
        // Start even when Redis is away, and keep trying: an instance must serve without it.
        config.AbortOnConnectFail = false;
        config.ConnectTimeout = 2000;
        config.ReconnectRetryPolicy = new LinearRetry(1000);
        var redis = await ConnectionMultiplexer.ConnectAsync(config);
        lock (_listeners)
        {
            _redis = redis;
            foreach (var topic in _listeners.Keys) Subscribe(topic);
        }
        _redis.ConnectionFailed += (_, e) => ReportDown(e.Exception);
        _redis.ConnectionRestored += (_, _) =>
        {
            if (Interlocked.Exchange(ref _reportedDown, 0) == 1)
                _log.LogWarning("Redis is back: live updates reach the other instances again.");
        };
        if (!_redis.IsConnected) ReportDown(null);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null) await _redis.DisposeAsync();
    }

    private void Subscribe(string topic)
    {
        var listener = _listeners[topic];
        // Subscribing queues while disconnected; the client subscribes again after each reconnect.
        _redis!.GetSubscriber().Subscribe(RedisChannel.Literal(ChannelPrefix + topic), (_, value) =>
        {
            var text = (string?)value;
            if (text is null) return;
            var bar = text.IndexOf('|');
            if (bar < 0 || text.AsSpan(0, bar).SequenceEqual(_sender)) return;
            try { listener(text[(bar + 1)..]); }
            catch (Exception e) { _log.LogError(e, "A live update from another instance on {Topic} failed", topic); }
        }, CommandFlags.FireAndForget);
    }

    private void ReportDown(Exception? e)
    {
        if (Interlocked.Exchange(ref _reportedDown, 1) == 0)
            _log.LogWarning("Redis is not reachable ({Reason}): live updates do not reach the other instances until it is back (their users see changes when they reload).",
                e?.GetBaseException().Message ?? "no connection");
    }
}

using BackOffice.Infrastructure;

namespace BackOffice.Features.Scanning;

/// <summary>
/// Tells the reader that a batch waits and open Scanstelle pages that something moved, on this instance and, through
/// the <see cref="LiveBus"/>, on the others (the reader runs on one of them).
/// </summary>
public sealed class ScanEvents
{
    private const string Topic = "scan";
    private readonly SemaphoreSlim _waiting = new(0);
    private readonly LiveBus? _bus;

    public ScanEvents(LiveBus? bus = null)
    {
        _bus = bus;
        bus?.Listen(Topic, _ => Happened());
    }

    public event Action? Changed;

    public void Publish()
    {
        Happened();
        _bus?.Send(Topic, "");
    }

    /// <summary>Until something was published, or the time is up.</summary>
    public Task WaitAsync(TimeSpan atMost, CancellationToken ct) => _waiting.WaitAsync(atMost, ct);

    private void Happened()
    {
        if (_waiting.CurrentCount == 0) _waiting.Release();
        Changed?.Invoke();
    }
}

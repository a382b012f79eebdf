namespace BackOffice.Features.Scanning;

/// <summary>Tells the reader that a batch waits and open Scanstelle pages that something moved (in-process).</summary>
public sealed class ScanEvents
{
    private readonly SemaphoreSlim _waiting = new(0);

    public event Action? Changed;

    public void Publish()
    {
        if (_waiting.CurrentCount == 0) _waiting.Release();
        Changed?.Invoke();
    }

    /// <summary>Until something was published, or the time is up.</summary>
    public Task WaitAsync(TimeSpan atMost, CancellationToken ct) => _waiting.WaitAsync(atMost, ct);
}

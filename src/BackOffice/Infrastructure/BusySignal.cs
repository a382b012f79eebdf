namespace BackOffice.Infrastructure;

/// <summary>
/// Lets background work that can wait (reading the text of documents) give way while the app is busy
/// with work that cannot (portal imports): the busy side touches it, the background side waits for quiet.
/// </summary>
public sealed class BusySignal
{
    private long _lastBusy = long.MinValue / 2;

    public void Touch() => Volatile.Write(ref _lastBusy, Environment.TickCount64);

    public bool QuietFor(TimeSpan span) => Environment.TickCount64 - Volatile.Read(ref _lastBusy) >= span.TotalMilliseconds;
}

using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace BackOffice.Infrastructure;

/// <summary>
/// Reads ahead of the consumer on a task of its own, at most <c>capacity</c> items: an export reads the database while
/// it writes the file, so it takes as long as the slower of the two, not both, and memory stays bounded.
/// </summary>
public static class Prefetch
{
    public static async IAsyncEnumerable<T> Prefetched<T>(this IAsyncEnumerable<T> source, int capacity, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in source.WithCancellation(stop.Token)) await channel.Writer.WriteAsync(item, stop.Token);
                channel.Writer.Complete();
            }
            catch (Exception e) { channel.Writer.Complete(e); }
        }, CancellationToken.None);
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(ct)) yield return item;
        }
        finally
        {
            // The consumer stopped (done, failed or cancelled): stop reading too, and let the reader finish with its context.
            stop.Cancel();
            try { await producer; } catch (OperationCanceledException) { }
        }
    }
}

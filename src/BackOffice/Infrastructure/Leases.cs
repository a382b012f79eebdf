using BackOffice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Infrastructure;

/// <summary>
/// Runs background work on one app instance of the installation at a time, through a lease row in the database
/// (ADR-0018): the instance that holds it works and renews it every few seconds; when it dies, the lease runs out
/// after <see cref="Term"/> and another instance takes the work over. A stopping instance gives its leases back, so
/// that a rolling restart hands the work on at once. With one instance it simply always holds them.
/// </summary>
public sealed class Leases(IDbContextFactory<BackOfficeDb> factory, IOptions<BackOfficeOptions> options, ILogger<Leases> log)
{
    public static readonly TimeSpan Term = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Renew = TimeSpan.FromSeconds(5);

    /// <summary>This process: a restarted instance is a new holder, so it waits like any other for a lease it held.</summary>
    public string Holder { get; } = $"{Shortened(options.Value.Instance)}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>
    /// Runs <paramref name="work"/> while this instance holds the lease <paramref name="name"/>: waits for it, starts
    /// the work, renews, and cancels the work when the lease is lost (the database unreachable for its whole term, or
    /// taken over); then waits to take it again. Returns when <paramref name="stop"/> is cancelled or the work ends by
    /// itself (switched off).
    /// </summary>
    public async Task RunAsync(string name, Func<CancellationToken, Task> work, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            bool taken;
            try { taken = await TryHoldAsync(name, stop); }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                log.LogWarning(e, "Taking the lease {Lease} failed; trying again", name);
                taken = false;
            }
            if (!taken) { await Delay(stop); continue; }

            log.LogInformation("{Holder} holds {Lease}", Holder, name);
            using var lost = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var running = Task.Run(() => work(lost.Token), CancellationToken.None);
            var heldUntil = DateTime.UtcNow + Term;
            var keptIt = true;
            while (!running.IsCompleted && !stop.IsCancellationRequested)
            {
                await Task.WhenAny(running, Task.Delay(Renew, stop));
                if (running.IsCompleted || stop.IsCancellationRequested) break;
                try { keptIt = await TryHoldAsync(name, stop); }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    // The database away for a moment: keep working while the lease is surely still ours.
                    log.LogWarning(e, "Renewing the lease {Lease} failed", name);
                    keptIt = DateTime.UtcNow < heldUntil - Renew;
                }
                catch (OperationCanceledException) { break; }
                if (!keptIt)
                {
                    log.LogWarning("{Holder} lost {Lease}; its work stops here and goes on where the lease is now", Holder, name);
                    break;
                }
                heldUntil = DateTime.UtcNow + Term;
            }
            await lost.CancelAsync();
            try
            {
                await running;
                if (keptIt && !stop.IsCancellationRequested) break; // the work ended by itself: it is switched off
            }
            catch (OperationCanceledException) { }
            catch (Exception e)
            {
                log.LogError(e, "The work of {Lease} failed; it starts again", name);
                await Delay(stop);
            }
        }
        await ReleaseAsync(name);
    }

    /// <summary>Takes the lease when it is free or expired, or renews it when this instance holds it.</summary>
    public async Task<bool> TryHoldAsync(string name, CancellationToken ct = default)
    {
        var now = DateTime.UtcNow;
        var until = now + Term;
        await using var db = await factory.CreateDbContextAsync(ct);
        var updated = await db.Leases.Where(l => l.Name == name && (l.Holder == Holder || l.ExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, Holder).SetProperty(l => l.ExpiresAt, until), ct);
        if (updated > 0) return true;
        if (await db.Leases.AnyAsync(l => l.Name == name, ct)) return false;
        db.Leases.Add(new Lease { Name = name, Holder = Holder, ExpiresAt = until });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException) { return false; } // another instance made the row at the same moment
    }

    private async Task ReleaseAsync(string name)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync();
            await db.Leases.Where(l => l.Name == name && l.Holder == Holder)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, DateTime.UnixEpoch));
        }
        catch (Exception e) { log.LogWarning(e, "Giving back the lease {Lease} failed; it runs out by itself", name); }
    }

    private static string Shortened(string instance) => instance.Length <= 100 ? instance : instance[..100];

    private static async Task Delay(CancellationToken ct)
    {
        try { await Task.Delay(Renew, ct); }
        catch (OperationCanceledException) { }
    }
}

/// <summary>Background work that runs under a lease: on one instance of the installation at a time.</summary>
public interface ILeasedWork
{
    /// <summary>Works until <paramref name="ct"/> is cancelled (stopping, or the lease lost); returns at once when switched off.</summary>
    Task RunAsync(CancellationToken ct);
}

public static class LeasedWorkSetup
{
    /// <summary>Registers <typeparamref name="T"/> once and runs it under the lease <paramref name="lease"/>.</summary>
    public static IServiceCollection AddLeasedWork<T>(this IServiceCollection services, string lease) where T : class, ILeasedWork
    {
        services.AddSingleton<T>();
        // Not AddHostedService: it adds one service per type, and every leased work has this same host type.
        services.AddSingleton<IHostedService>(sp => new LeasedWorkHost(lease, sp.GetRequiredService<T>(), sp.GetRequiredService<Leases>()));
        return services;
    }

    private sealed class LeasedWorkHost(string lease, ILeasedWork work, Leases leases) : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stop) => leases.RunAsync(lease, work.RunAsync, stop);
    }
}

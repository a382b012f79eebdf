using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MySqlConnector;

namespace BackOffice.Data;

/// <summary>
/// Runs a unit of work again when MariaDB failed it for a reason that passes: the Galera node it wrote through died
/// and the proxy moved to another (the connection is lost, the next one goes elsewhere), a certification conflict
/// with another node (reported as a deadlock), a node not yet ready. It is EF's retrying execution strategy (Pomelo's,
/// see <see cref="FailoverStrategy"/>) around the whole unit: the work opens its own context and transaction on each attempt, so an
/// attempt that failed left nothing, and it must find out itself whether an earlier attempt committed after all (the
/// answer to a COMMIT can be lost with the node) – the portal intake looks for the submission id first. SQLite runs
/// it once: a file has no failover.
/// </summary>
public static class Retries
{
    public const int MaxRetries = 12;
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    public static async Task<T> RunAsync<T>(IDbContextFactory<BackOfficeDb> factory, Func<CancellationToken, Task<T>> work, CancellationToken ct = default)
    {
        await using var probe = await factory.CreateDbContextAsync(ct); // gives the engine's strategy; opens no connection
        return await probe.Database.CreateExecutionStrategy().ExecuteAsync(work, ct);
    }
}

/// <summary>
/// MariaDB's execution strategy (DatabaseProviders): a query or a save outside a transaction is run again when it failed
/// in passing, as Pomelo's retrying strategy does. Inside a transaction nothing is retried statement by statement (the
/// statements before it went with the connection); the transaction fails as a whole, and where that matters the unit of
/// work runs again whole (<see cref="Retries.RunAsync"/>). Pomelo's own strategy refuses transactions outright.
/// </summary>
internal sealed class FailoverStrategy(ExecutionStrategyDependencies dependencies)
    : MySqlRetryingExecutionStrategy(dependencies, Retries.MaxRetries, Retries.MaxDelay, null)
{
    protected override void OnFirstExecution() => ExceptionsEncountered.Clear();

    // Said "no" so that EF streams query results instead of buffering every row first (it buffers for retrying
    // strategies, and an export of a million cases would sit in memory whole). Retrying still happens: a query is run
    // again when it failed before its first row, which is where a failover meets it.
    public override bool RetriesOnFailure => false;

    // A failover is over in a second or two (the proxy notices a dead node within a second): try again soon and
    // evenly (250 ms, 500 ms, 750 ms, then every second, about ten seconds in all) rather than EF's growing waits.
    protected override TimeSpan? GetNextDelay(Exception lastException) =>
        base.GetNextDelay(lastException) is null ? null : TimeSpan.FromMilliseconds(Math.Min(250 * ExceptionsEncountered.Count, Retries.MaxDelay.TotalMilliseconds));

    protected override bool ShouldRetryOn(Exception exception) =>
        Dependencies.CurrentContext.Context.Database.CurrentTransaction is null && IsTransient(exception);

    /// <summary>Pomelo's list of transient errors, and what a node's death or a node out of the cluster adds to it.</summary>
    private bool IsTransient(Exception exception) => base.ShouldRetryOn(exception) || exception switch
    {
        MySqlException { ErrorCode: MySqlErrorCode.UnableToConnectToHost or MySqlErrorCode.CommandTimeoutExpired } => true,
        // 1047: "WSREP has not yet prepared node for application use"; 1213: the certification conflict; 2006/2013: gone.
        MySqlException { Number: 1047 or 1213 or 2006 or 2013 } => true,
        MySqlException { InnerException: IOException or System.Net.Sockets.SocketException } => true,
        IOException or System.Net.Sockets.SocketException or EndOfStreamException => true,
        InvalidOperationException { InnerException: { } inner } => IsTransient(inner),
        DbUpdateException { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };
}

using BackOffice.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BackOffice.Infrastructure;

/// <summary>
/// What lets several app instances serve one installation behind a proxy (ADR-0018): the cookie keys in the database,
/// live updates and throttles through Redis, background work under leases, and the proxy's two questions (alive?
/// ready?). With one instance and no Redis the same parts run in-process.
/// </summary>
public static class Instances
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddInstances(this IServiceCollection services)
    {
        services.AddSingleton<LiveBus>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveBus>());
        services.AddSingleton<SharedCounters>();
        services.AddSingleton<Leases>();
        // One application name for every instance: by default the discriminator is the app's directory, and instances
        // installed in different directories could not read each other's cookies.
        services.AddDataProtection().SetApplicationName("BackOffice").PersistKeysToDbContext<BackOfficeDb>();
        services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database", tags: [ReadyTag])
            .AddCheck<RedisCheck>("redis", tags: [ReadyTag]);
        return services;
    }

    /// <summary>
    /// "/health": the process answers (the proxy restarts nothing on it, it is for monitoring); "/ready": the database
    /// answers, so the proxy may send users here. Redis away is "Degraded" and still ready: every instance would be
    /// without it alike, and they serve on without live updates rather than not at all.
    /// </summary>
    public static void MapInstanceHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).AllowAnonymous();
    }

    /// <summary>
    /// Reads a row, once, within two seconds: a Galera node that lost its cluster still accepts connections (what a
    /// connection test sees) but answers no query; and the proxy asks every second, so no retrying here.
    /// </summary>
    private sealed class DatabaseCheck(IDbContextFactory<BackOfficeDb> factory) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            try
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                await using var connection = db.Database.GetDbConnection();
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(2));
                await connection.OpenAsync(timeout.Token);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT Id FROM WriterLocks WHERE Id = 1";
                command.CommandTimeout = 2;
                await command.ExecuteScalarAsync(timeout.Token);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy("The database answers no query: " + e.GetBaseException().Message);
            }
        }
    }

    private sealed class RedisCheck(LiveBus bus) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
            Task.FromResult(bus.Connected ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded("Redis is not reachable: no live updates between instances."));
    }
}

using BackOffice.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BackOffice.Infrastructure;

public static class Database
{
    public static string ConnectionString(BackOfficeOptions o) => o.Database.Provider == DatabaseProviders.Sqlite
        ? new SqliteConnectionStringBuilder { DataSource = o.DatabasePath, Cache = SqliteCacheMode.Private, Pooling = true, DefaultTimeout = 30 }.ToString()
        : o.Database.ConnectionString ?? throw new InvalidOperationException(
            $"BackOffice:Database:ConnectionString is empty; {o.Database.Provider} needs one (appsettings.template.json).");

    /// <summary>Options shared by the app, the tests and the benchmarks.</summary>
    public static void Configure(DbContextOptionsBuilder b, BackOfficeOptions o) =>
        DatabaseProviders.Configure(b, o.Database.Provider, ConnectionString(o));

    public static IServiceCollection AddBackOfficeDatabase(this IServiceCollection services, BackOfficeOptions options)
    {
        services.AddSingleton<RecordChanges>();
        services.AddDbContextFactory<BackOfficeDb>((sp, b) =>
        {
            Configure(b, options);
            b.AddInterceptors(sp.GetRequiredService<RecordChanges>());
        });
        return services;
    }

    /// <summary>
    /// Refreshes SQLite's table statistics where they are stale. Without them the planner guesses,
    /// and at a million cases a wrong guess costs a hundred milliseconds. analysis_limit keeps it fast.
    /// </summary>
    public static async Task OptimizeAsync(IDbContextFactory<BackOfficeDb> factory, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!db.Database.IsSqlite()) return; // MariaDB keeps its statistics itself
        await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;", ct);
    }
}

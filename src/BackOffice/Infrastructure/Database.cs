using BackOffice.Data;
using BackOffice.Features.Demo;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace BackOffice.Infrastructure;

public static class Database
{
    public static string ConnectionString(BackOfficeOptions o) => new SqliteConnectionStringBuilder
    {
        DataSource = o.DatabasePath,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>Options shared by the app, the tests and the benchmarks.</summary>
    public static void Configure(DbContextOptionsBuilder b, string connectionString) =>
        b.UseSqlite(connectionString, s => s
                .MigrationsAssembly(typeof(BackOffice.Migrations.Initial).Assembly.GetName().Name)
                // Unit ids inline (IN (1, 2, 3)) give SQLite's planner what it needs to use the unit indexes.
                .TranslateParameterizedCollectionsToConstants())
            // Migrations are hand-written and carry no model snapshot; SchemaParityTests guards the schema instead.
            .ConfigureWarnings(w => w
                .Ignore(RelationalEventId.PendingModelChangesWarning)
                // Counting up to a cap (Take(10_001).Count()) needs no order; the warning is meant for paging.
                .Ignore(CoreEventId.RowLimitingOperationWithoutOrderByWarning));

    public static IServiceCollection AddBackOfficeDatabase(this IServiceCollection services, BackOfficeOptions options)
    {
        var cs = ConnectionString(options);
        services.AddDbContextFactory<BackOfficeDb>(b => Configure(b, cs));
        return services;
    }

    /// <summary>
    /// Refreshes SQLite's table statistics where they are stale. Without them the planner guesses,
    /// and at a million cases a wrong guess costs a hundred milliseconds. analysis_limit keeps it fast.
    /// </summary>
    public static async Task OptimizeAsync(IDbContextFactory<BackOfficeDb> factory, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;", ct);
    }

    /// <summary>Applies the migrations and, when asked and the database is empty, seeds the demo county.</summary>
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var options = services.GetRequiredService<IOptions<BackOfficeOptions>>().Value;
        Directory.CreateDirectory(options.DataDirectory);
        Directory.CreateDirectory(options.DocumentsPath);
        services.GetRequiredService<Features.Files.DocumentStore>().RemoveLeftovers();
        services.GetRequiredService<Features.Files.TiffPreview>().RemoveLeftovers();
        var factory = services.GetRequiredService<IDbContextFactory<BackOfficeDb>>();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            // WAL lets readers go on while one writer writes; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.MigrateAsync(ct);
        }
        if (options.SeedDemoData)
            await services.GetRequiredService<DemoCounty>().SeedIfEmptyAsync(ct);
        await OptimizeAsync(factory, ct);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BackOffice.Data;

/// <summary>
/// The two database engines behind one model: SQLite embedded (the default, the demo, most tests) and MariaDB
/// through Pomelo (a county's production server). Each has its own migrations assembly, generated from the model
/// by dotnet-ef (migrations/BackOffice.Migrations.Sqlite and .MariaDb). ADR-0006 says why EF Core stays on 9.
/// </summary>
public static class DatabaseProviders
{
    public const string Sqlite = "Sqlite";
    public const string MariaDb = "MariaDb";

    /// <summary>The MariaDB release the migrations are generated for: Debian 12's. Newer servers accept them.</summary>
    public static readonly Version MariaDbVersion = new(10, 11, 0);

    public static bool IsKnown(string provider) => provider is Sqlite or MariaDb;

    /// <summary>Options shared by the app, the tests, the benchmarks and the design-time factories.</summary>
    public static void Configure(DbContextOptionsBuilder b, string provider, string connectionString)
    {
        switch (provider)
        {
            case Sqlite:
                b.UseSqlite(connectionString, s => s
                    .MigrationsAssembly("BackOffice.Migrations.Sqlite")
                    // Unit ids inline (IN (1, 2, 3)) give SQLite's planner what it needs to use the unit indexes.
                    .TranslateParameterizedCollectionsToConstants());
                break;
            case MariaDb:
                b.UseMySql(connectionString, new MariaDbServerVersion(MariaDbVersion), m => m
                    .MigrationsAssembly("BackOffice.Migrations.MariaDb")
                    .TranslateParameterizedCollectionsToConstants());
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{provider}': use {Sqlite} or {MariaDb} (BackOffice:Database:Provider).");
        }
        // Counting up to a cap (Take(10_001).Count()) needs no order; the warning is meant for paging.
        b.ConfigureWarnings(w => w.Ignore(CoreEventId.RowLimitingOperationWithoutOrderByWarning));
    }
}

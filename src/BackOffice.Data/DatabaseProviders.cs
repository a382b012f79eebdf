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

    /// <summary>For dotnet-ef's design-time factories: the model on an engine, without opening a connection.</summary>
    public static BackOfficeDb ForDesign(string provider, string connectionString)
    {
        var b = new DbContextOptionsBuilder<BackOfficeDb>();
        Configure(b, provider, connectionString);
        return new BackOfficeDb(b.Options);
    }

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
                    .TranslateParameterizedCollectionsToConstants()
                    .ExecutionStrategy(d => new FailoverStrategy(d)))
                    .AddInterceptors(ReadCommitted.Instance);
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{provider}': use {Sqlite} or {MariaDb} (BackOffice:Database:Provider).");
        }
        // Counting up to a cap (Take(10_001).Count()) needs no order; the warning is meant for paging.
        b.ConfigureWarnings(w => w.Ignore(CoreEventId.RowLimitingOperationWithoutOrderByWarning));
    }
}

/// <summary>
/// MariaDB's default isolation, REPEATABLE READ, reads every row as of the transaction's first read: a transaction
/// that read an inbox item and then takes the writer lock would still see the old highest number. READ COMMITTED
/// (SQL Server's and PostgreSQL's default) reads what is committed; the lock then makes numbering serial. Every
/// transaction that does not ask for a level gets it (MySqlConnector would otherwise name REPEATABLE READ itself).
/// </summary>
internal sealed class ReadCommitted : Microsoft.EntityFrameworkCore.Diagnostics.DbTransactionInterceptor
{
    public static readonly ReadCommitted Instance = new();

    public override InterceptionResult<System.Data.Common.DbTransaction> TransactionStarting(System.Data.Common.DbConnection connection,
        TransactionStartingEventData eventData, InterceptionResult<System.Data.Common.DbTransaction> result) =>
        eventData.IsolationLevel == System.Data.IsolationLevel.Unspecified
            ? InterceptionResult<System.Data.Common.DbTransaction>.SuppressWithResult(connection.BeginTransaction(System.Data.IsolationLevel.ReadCommitted))
            : result;

    public override async ValueTask<InterceptionResult<System.Data.Common.DbTransaction>> TransactionStartingAsync(System.Data.Common.DbConnection connection,
        TransactionStartingEventData eventData, InterceptionResult<System.Data.Common.DbTransaction> result, CancellationToken ct = default) =>
        eventData.IsolationLevel == System.Data.IsolationLevel.Unspecified
            ? InterceptionResult<System.Data.Common.DbTransaction>.SuppressWithResult(await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, ct))
            : result;
}

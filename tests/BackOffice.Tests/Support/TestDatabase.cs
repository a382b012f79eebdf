using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Support;

/// <summary>A real SQLite file in a temporary directory, or a database on the test MariaDB server, built by the real migrations.</summary>
public sealed class TestDatabase : IDbContextFactory<BackOfficeDb>, IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "backoffice-tests", Guid.NewGuid().ToString("N"));
    public BackOfficeOptions Options { get; }
    private readonly DbContextOptions<BackOfficeDb> _options;

    public TestDatabase(bool migrate = true, string provider = DatabaseProviders.Sqlite)
    {
        System.IO.Directory.CreateDirectory(Directory);
        Options = new BackOfficeOptions { DataDirectory = Directory };
        if (provider == DatabaseProviders.MariaDb)
            Options.Database = new DatabaseOptions { Provider = provider, ConnectionString = MariaDbServer.NewDatabase() };
        var builder = new DbContextOptionsBuilder<BackOfficeDb>();
        BackOffice.Infrastructure.Database.Configure(builder, Options);
        _options = builder.Options;
        if (migrate)
        {
            using var db = CreateDbContext();
            db.Database.Migrate();
        }
    }

    public BackOfficeDb CreateDbContext() => new(_options);

    public BackOfficeDb Open(UnitScope scope)
    {
        var db = CreateDbContext();
        db.Scope = scope;
        return db;
    }

    public bool IsMariaDb => Options.Database.Provider == DatabaseProviders.MariaDb;

    public void Dispose()
    {
        if (IsMariaDb) MariaDbServer.Drop(Options.Database.ConnectionString!);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}

using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Support;

/// <summary>A real SQLite file in a temporary directory, built by the real migrations.</summary>
public sealed class TestDatabase : IDbContextFactory<BackOfficeDb>, IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "backoffice-tests", Guid.NewGuid().ToString("N"));
    public BackOfficeOptions Options { get; }
    private readonly DbContextOptions<BackOfficeDb> _options;

    public TestDatabase(bool migrate = true)
    {
        System.IO.Directory.CreateDirectory(Directory);
        Options = new BackOfficeOptions { DataDirectory = Directory };
        var builder = new DbContextOptionsBuilder<BackOfficeDb>();
        BackOffice.Infrastructure.Database.Configure(builder, BackOffice.Infrastructure.Database.ConnectionString(Options));
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

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}

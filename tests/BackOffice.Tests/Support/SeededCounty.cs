using BackOffice.Features.Documents;
using BackOffice.Data;
using BackOffice.Features.Demo;
using BackOffice.Features.Files;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOffice.Tests.Support;

/// <summary>A migrated database with a small demo county (a tenth of the demo volume), shared by a test class; on SQLite.</summary>
public class SeededCounty : IAsyncLifetime
{
    public static readonly DateOnly Anchor = new(2026, 11, 20);
    public TestDatabase Db { get; }

    public SeededCounty() : this(DatabaseProviders.Sqlite) { }

    protected SeededCounty(string provider) => Db = new TestDatabase(provider: provider);
    public DemoCounty.SeedCounts Counts { get; private set; } = default!;
    public DocumentStore Store { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        var options = Microsoft.Extensions.Options.Options.Create(Db.Options);
        Store = new DocumentStore(options);
        var county = new DemoCounty(Db, Store, options, NullLogger<DemoCounty>.Instance);
        Counts = await county.SeedAsync(Anchor, scale: 0.1, withDocuments: true);
    }

    public async Task<int> UnitIdAsync(string key)
    {
        await using var db = Db.Open(UnitScope.System);
        return await db.OrgUnits.Where(u => u.Key == key).Select(u => u.Id).SingleAsync();
    }

    public async Task<string> UserIdAsync(string userName)
    {
        await using var db = Db.Open(UnitScope.System);
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    public Task DisposeAsync()
    {
        Db.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The same county on the test MariaDB server.</summary>
public sealed class SeededMariaDbCounty() : SeededCounty(DatabaseProviders.MariaDb);

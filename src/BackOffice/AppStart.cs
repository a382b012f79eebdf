using BackOffice.Data;
using BackOffice.Features.Demo;
using BackOffice.Features.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice;

/// <summary>What the host does before it serves: directories, leftovers of a crash, migrations, the demo county.</summary>
public static class AppStart
{
    /// <summary>Applies the migrations and, when asked and the database is empty, seeds the demo county.</summary>
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var options = services.GetRequiredService<IOptions<BackOfficeOptions>>().Value;
        Directory.CreateDirectory(options.DataDirectory);
        Directory.CreateDirectory(options.DocumentsPath);
        services.GetRequiredService<DocumentStore>().RemoveLeftovers();
        services.GetRequiredService<TiffPreview>().RemoveLeftovers();
        var factory = services.GetRequiredService<IDbContextFactory<BackOfficeDb>>();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            // WAL lets readers go on while one writer writes; the setting is stored in the file.
            if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.MigrateAsync(ct);
        }
        if (options.SeedDemoData)
            await services.GetRequiredService<DemoCounty>().SeedIfEmptyAsync(ct);
        await Database.OptimizeAsync(factory, ct);
    }
}

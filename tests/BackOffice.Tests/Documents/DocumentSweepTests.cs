using BackOffice.Features.Documents;
using System.Security.Cryptography;
using BackOffice.Data;
using BackOffice.Features.Files;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOffice.Tests.Documents;

/// <summary>Files no document names (a refused or killed delivery) are swept after the grace period, and only those.</summary>
public class DocumentSweepTests(SeededCounty county) : IClassFixture<SeededCounty>
{
    private static readonly DateTime Long = DateTime.UtcNow.AddDays(-3);

    [Fact]
    public async Task Removes_old_unreferenced_files_and_keeps_named_recent_and_touched_ones()
    {
        var store = county.Store;
        var orphan = await PutAsync(store, at: Long);
        var recentOrphan = await PutAsync(store, at: DateTime.UtcNow);
        var touchedOrphan = await PutAsync(store, at: Long);
        await store.PutAsync(await File.ReadAllBytesAsync(store.PathOf(touchedOrphan))); // a new delivery of the same content
        string named;
        await using (var db = county.Db.Open(UnitScope.System))
            named = await db.DocumentVersions.Select(v => v.Sha256).FirstAsync();
        File.SetLastWriteTimeUtc(store.PathOf(named), Long);
        var namedBefore = await CountNamedFilesAsync();

        var log = new ListLogger();
        var sweep = new DocumentSweep(county.Db, store, Microsoft.Extensions.Options.Options.Create(county.Db.Options), log);
        var removed = await sweep.SweepAsync(DateTime.UtcNow.AddHours(-24));

        Assert.Equal([orphan], removed);
        Assert.False(store.Exists(orphan));
        Assert.True(store.Exists(recentOrphan));
        Assert.True(store.Exists(touchedOrphan));
        Assert.True(store.Exists(named));
        Assert.Equal(namedBefore, await CountNamedFilesAsync()); // every document still opens
        Assert.Contains(log.Lines, l => l.Contains("removed 1 files") && l.Contains(orphan));
    }

    private static async Task<string> PutAsync(DocumentStore store, DateTime at)
    {
        var sha = await store.PutAsync(RandomNumberGenerator.GetBytes(1024));
        File.SetLastWriteTimeUtc(store.PathOf(sha), at);
        return sha;
    }

    private async Task<int> CountNamedFilesAsync()
    {
        await using var db = county.Db.Open(UnitScope.System);
        var hashes = await db.DocumentVersions.Select(v => v.Sha256).Distinct().ToListAsync();
        return hashes.Count(county.Store.Exists);
    }

    private sealed class ListLogger : ILogger<DocumentSweep>
    {
        public List<string> Lines { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}

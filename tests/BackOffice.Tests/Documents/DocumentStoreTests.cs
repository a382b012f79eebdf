using BackOffice.Features.Documents;
using System.Security.Cryptography;
using System.Text;
using BackOffice.Features.Files;
using BackOffice.Infrastructure;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Documents;

public class DocumentStoreTests
{
    [Fact]
    public async Task Stores_each_content_once_under_its_hash_and_leaves_no_temporary_files()
    {
        using var t = new TestDatabase(migrate: false);
        var store = new DocumentStore(Microsoft.Extensions.Options.Options.Create(t.Options));
        var pdf = SimplePdf.Create("Bescheid", ["Zeile 1", "Größe (mit Klammern) und \\ Backslash"]);

        var sha = await store.PutAsync(pdf);
        var again = await store.PutAsync(pdf);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), sha);
        Assert.Equal(sha, again);
        Assert.Equal(pdf, await File.ReadAllBytesAsync(store.PathOf(sha)));
        var files = Directory.GetFiles(t.Options.DocumentsPath, "*", SearchOption.AllDirectories);
        Assert.Equal([store.PathOf(sha)], files);
    }

    [Fact]
    public async Task Parallel_writers_of_the_same_content_end_with_one_whole_file()
    {
        using var t = new TestDatabase(migrate: false);
        var store = new DocumentStore(Microsoft.Extensions.Options.Options.Create(t.Options));
        var bytes = RandomNumberGenerator.GetBytes(512 * 1024);
        var hashes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.PutAsync(bytes))));
        Assert.Single(hashes.Distinct());
        Assert.Single(Directory.GetFiles(t.Options.DocumentsPath, "*", SearchOption.AllDirectories));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(store.PathOf(hashes[0])));
    }

    [Fact]
    public async Task Leftovers_of_a_killed_write_are_removed()
    {
        using var t = new TestDatabase(migrate: false);
        var store = new DocumentStore(Microsoft.Extensions.Options.Options.Create(t.Options));
        var sha = await store.PutAsync("%PDF-1.4 whole"u8.ToArray());
        var leftover = TempFiles.For(store.PathOf(sha), t.Options.Instance);
        await File.WriteAllTextAsync(leftover, "half");
        // Another instance on the same store writes right now; one that is gone left a file two days ago.
        var othersWrite = TempFiles.For(store.PathOf(sha), "app2");
        await File.WriteAllTextAsync(othersWrite, "in progress");
        var abandoned = TempFiles.For(store.PathOf(sha), "app3");
        await File.WriteAllTextAsync(abandoned, "half");
        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddDays(-2));
        Assert.Equal(2, store.RemoveLeftovers());
        Assert.False(File.Exists(leftover));
        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(othersWrite));
        Assert.True(store.Exists(sha));
    }

    [Fact]
    public void SimplePdf_writes_a_well_formed_file()
    {
        var pdf = SimplePdf.Create("Antrag", ["Müller, Jürgen"]);
        Assert.Equal("", PdfTools.PdfAProblems(pdf)); // qpdf finds its cross-references and streams whole
        Assert.Contains("Müller, Jürgen", PdfTools.Text(pdf));
    }
}

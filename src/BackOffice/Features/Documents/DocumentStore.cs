using System.Security.Cryptography;
using BackOffice.Infrastructure;
using Microsoft.Extensions.Options;

namespace BackOffice.Features.Documents;

/// <summary>
/// Content-addressed store for document bytes: each file is named by its SHA-256 under
/// documents/ab/cd/. A file is written to a temporary name, flushed to disk and then renamed,
/// so it is either whole or absent. Callers store the bytes before they insert the row that
/// names them; a crash in between leaves at most an unreferenced file, never a row without its file.
/// </summary>
public sealed class DocumentStore(IOptions<BackOfficeOptions> options)
{
    private readonly string _root = options.Value.DocumentsPath;

    public string PathOf(string sha256) => Path.Combine(_root, sha256[..2], sha256[2..4], sha256);

    public bool Exists(string sha256) => File.Exists(PathOf(sha256));

    /// <summary>
    /// Whether the stored file still has the content it was stored with (its name is its SHA-256): checked on every read,
    /// so a changed or damaged file is shown as such, never served as if it were the document (TR-RESISCAN).
    /// </summary>
    public async Task<bool> IsIntactAsync(string sha256, CancellationToken ct = default)
    {
        await using var file = new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct)) == sha256;
    }

    /// <summary>What a reader is told when a stored file no longer matches its check value.</summary>
    public const string Damaged = "Dieses Dokument stimmt nicht mehr mit seinem Prüfwert überein: Die gespeicherte Datei wurde verändert oder ist beschädigt. " +
        "Der Vorfall ist protokolliert; bitte die IT-Administration verständigen.";

    /// <summary>Stores the bytes (once per content) and returns their SHA-256 in lower-case hex.</summary>
    public async Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken ct = default)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        var path = PathOf(sha);
        await _sweepLock.WaitAsync(ct);
        try
        {
            // Stored before: the new reference is about to be written, so the sweep must not take the file now.
            if (File.Exists(path)) { File.SetLastWriteTimeUtc(path, DateTime.UtcNow); return sha; }
        }
        finally { _sweepLock.Release(); }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = TempFiles.For(path, options.Value.Instance);
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await file.WriteAsync(content, ct);
                file.Flush(flushToDisk: true);
            }
            try { File.Move(temp, path, overwrite: false); }
            catch (IOException) when (File.Exists(path)) { /* the same content arrived in parallel */ }
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return sha;
    }

    /// <summary>
    /// Deletes temporary files this instance left behind when it was killed. Called at start-up, before its first
    /// write; another instance's writes in progress on a shared store are left alone (<see cref="TempFiles"/>).
    /// </summary>
    public int RemoveLeftovers() => TempFiles.RemoveLeftovers(_root, options.Value.Instance, SearchOption.AllDirectories);

    /// <summary>Held while a file is touched by <see cref="PutAsync"/> or checked and deleted by the sweep.</summary>
    private readonly SemaphoreSlim _sweepLock = new(1, 1);

    /// <summary>Stored files last written before <paramref name="before"/>, by their SHA-256.</summary>
    public IEnumerable<(string Sha256, DateTime WrittenAt)> StoredBefore(DateTime before)
    {
        if (!Directory.Exists(_root)) yield break;
        foreach (var path in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(path);
            if (name.Length != 64 || !name.All(char.IsAsciiHexDigitLower)) continue; // temporary files, anything foreign
            var written = File.GetLastWriteTimeUtc(path);
            if (written < before) yield return (name, written);
        }
    }

    /// <summary>
    /// Deletes a file no row names, unless it was written or touched since <paramref name="before"/>:
    /// a writer that found the content stored touches it before it writes the row naming it.
    /// </summary>
    public async Task<bool> DeleteIfUntouchedAsync(string sha256, DateTime before, CancellationToken ct = default)
    {
        await _sweepLock.WaitAsync(ct);
        try
        {
            var path = PathOf(sha256);
            if (!File.Exists(path) || File.GetLastWriteTimeUtc(path) >= before) return false;
            File.Delete(path);
            return true;
        }
        finally { _sweepLock.Release(); }
    }

    public Stream OpenRead(string sha256) => new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
}

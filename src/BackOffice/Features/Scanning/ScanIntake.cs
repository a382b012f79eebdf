using System.Security.Cryptography;
using BackOffice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Features.Scanning;

/// <summary>
/// Takes files into the Scanstelle, from a scanner's folder or the mail room's upload. The original is copied to the
/// kept originals (its SHA-256 taken while copying, the copy flushed to disk), then the batch is recorded, and only then
/// is the scanner's file removed: a crash at any point loses nothing, and a file taken before the crash is not taken twice.
/// </summary>
public sealed class ScanIntake(IDbContextFactory<BackOfficeDb> factory, IOptions<BackOfficeOptions> options, ScanEvents events)
{
    public const string UploadScanner = "Upload";

    /// <summary>Takes a complete file from a scanner's folder.</summary>
    public async Task<ScanBatch> TakeFileAsync(string path, string scanner, CancellationToken ct = default)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null) throw new IOException($"{path} is a symbolic link; scans are taken from regular files only.");
        ScanBatch batch;
        await using (var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 81920, FileOptions.Asynchronous))
            batch = await KeepAsync(source, info.Name, scanner, info.LastWriteTimeUtc, null, ct);
        File.Delete(path);
        return batch;
    }

    /// <summary>Takes an uploaded file; refuses what is no PDF or TIFF before keeping anything.</summary>
    public async Task<Outcome<ScanBatch>> TakeUploadAsync(string fileName, Stream content, string takenBy, CancellationToken ct = default)
    {
        if (PlainText.FileNameProblem(fileName) is { } problem) return Outcome.Refused(problem);
        var name = Path.GetFileName(fileName);
        if (!ScanFiles.HasScanExtension(name))
            return Outcome.Refused($"„{name}“ ist keine PDF- oder TIFF-Datei. Die Scanstelle nimmt Scans als PDF oder mehrseitiges TIFF.");
        var batch = await KeepAsync(content, name, UploadScanner, DateTime.UtcNow, takenBy, ct);
        return Outcome.Made(batch, batch.DuplicateOfId is not null
            ? $"„{name}“ ist übernommen; derselbe Inhalt wurde schon einmal gescannt. Bitte bei der Prüfung darauf achten."
            : $"„{name}“ ist übernommen. Sobald der Text erkannt ist, erscheint es unten zur Prüfung (oder unter „Fehler“).");
    }

    private async Task<ScanBatch> KeepAsync(Stream source, string fileName, string scanner, DateTime capturedAt, string? takenBy, CancellationToken ct)
    {
        var o = options.Value;
        Directory.CreateDirectory(o.ScanOriginalsPath);
        var now = DateTime.UtcNow;
        var kept = $"{now:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}"[..24] + "-" + ScanFiles.SafeName(fileName);
        var keptPath = Path.Combine(o.ScanOriginalsPath, kept);
        string sha256;
        long size;
        try
        {
            await using (var target = new FileStream(keptPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await source.ReadAsync(buffer, ct)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await target.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                await target.FlushAsync(ct);
                target.Flush(flushToDisk: true);
                (sha256, size) = (Convert.ToHexStringLower(hash.GetHashAndReset()), target.Length);
            }
        }
        catch
        {
            File.Delete(keptPath); // cut off (an upload that broke): nothing half-written stays
            throw;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        db.Scope = UnitScope.System;
        db.Actor = takenBy ?? $"Scanner {scanner}";
        // A file taken just before a crash (kept and recorded, not yet removed) comes round again: the same content,
        // name and scanner within the hour is that file, not a new scan.
        var since = now.AddHours(-1);
        var same = await db.ScanBatches.Where(b => b.Sha256 == sha256).OrderBy(b => b.Id).Select(b => new { b.Id, b.FileName, b.Scanner, b.TakenAt }).ToListAsync(ct);
        var again = same.FirstOrDefault(b => b.FileName == fileName && b.Scanner == scanner && b.TakenAt >= since && takenBy is null);
        if (again is not null)
        {
            File.Delete(keptPath);
            return await db.ScanBatches.AsNoTracking().SingleAsync(b => b.Id == again.Id, ct);
        }
        var batch = new ScanBatch
        {
            Scanner = scanner, FileName = PlainText.Fit(fileName, 255), OriginalName = kept, Sha256 = sha256, Size = size,
            CapturedAt = capturedAt, TakenAt = now, TakenBy = takenBy, Step = ScanStep.Taken, DuplicateOfId = same.FirstOrDefault()?.Id,
        };
        db.ScanBatches.Add(batch);
        await db.SaveChangesAsync(ct);
        events.Publish();
        return batch;
    }
}

using BackOffice.Infrastructure;
using Microsoft.Extensions.Options;

namespace BackOffice.Features.Scanning;

/// <summary>
/// Looks into every scanner's folder (scan-inbox/&lt;scanner&gt;/) and takes a file once it is complete: its size and time
/// unchanged for the settle time, whole by its content (a PDF's end mark, a TIFF's directories), and openable alone. Polling, not file system
/// events, so that network shares work; every look covers the whole tree, so nothing is missed after a restart.
/// </summary>
public sealed class ScanWatcher(ScanIntake intake, IOptions<BackOfficeOptions> options, ILogger<ScanWatcher> log) : ILeasedWork
{
    private sealed record Seen(long Size, DateTime WrittenAt, DateTime Since);
    private readonly Dictionary<string, Seen> _seen = [];

    public async Task RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        if (o.Scanning.PollSeconds <= 0) return;
        Directory.CreateDirectory(Path.Combine(o.ScanInboxPath, "scanner-1")); // a first folder to point a scanner at
        while (!ct.IsCancellationRequested)
        {
            try { await PollAsync(DateTime.UtcNow, ct); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogError(e, "Looking into the scanners' folders failed"); }
            await Task.Delay(TimeSpan.FromSeconds(o.Scanning.PollSeconds), ct);
        }
    }

    private static bool Whole(string path)
    {
        try { return ScanFiles.LooksComplete(path); }
        catch (IOException) { return false; }
    }

    /// <summary>One look: notes what changed, takes what has settled. Returns how many files were taken.</summary>
    public async Task<int> PollAsync(DateTime now, CancellationToken ct = default)
    {
        var o = options.Value;
        if (!Directory.Exists(o.ScanInboxPath)) return 0;
        var settle = TimeSpan.FromSeconds(o.Scanning.SettleSeconds);
        var present = new HashSet<string>();
        var taken = 0;
        // Symbolic links are not followed: a link dropped into a share must not make the server read a file elsewhere.
        foreach (var folder in Directory.EnumerateDirectories(o.ScanInboxPath).Where(d => new DirectoryInfo(d).LinkTarget is null))
            foreach (var path in Directory.EnumerateFiles(folder).Where(p => ScanFiles.IsCandidate(Path.GetFileName(p))))
            {
                present.Add(path);
                var file = new FileInfo(path);
                if (!file.Exists || file.LinkTarget is not null) continue;
                if (!_seen.TryGetValue(path, out var seen) || seen.Size != file.Length || seen.WrittenAt != file.LastWriteTimeUtc)
                {
                    _seen[path] = new Seen(file.Length, file.LastWriteTimeUtc, now); // new or still growing: wait
                    continue;
                }
                // Settled and whole; or, when the content cannot tell (a broken file), unchanged ten times as long:
                // then it is taken anyway, to wait under "Fehler" with its original kept.
                // An empty file is a scanner that has only just created it; left empty ten times as long, it goes under "Fehler".
                if (now - seen.Since < settle || file.Length == 0 && now - seen.Since < settle * 10) continue;
                if (now - seen.Since < settle * 10 && !Whole(path)) continue;
                try
                {
                    await intake.TakeFileAsync(path, Path.GetFileName(folder), ct);
                    _seen.Remove(path);
                    taken++;
                }
                catch (IOException e)
                {
                    // Still open in the scanner, or gone meanwhile: the next look tries again.
                    log.LogDebug(e, "Not taken yet: {Path}", path);
                    _seen[path] = seen with { Since = now };
                }
            }
        foreach (var gone in _seen.Keys.Where(p => !present.Contains(p)).ToList()) _seen.Remove(gone);
        return taken;
    }
}

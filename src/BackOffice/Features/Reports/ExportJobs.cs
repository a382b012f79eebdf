using System.Collections.Concurrent;
using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Features.Reports;

/// <summary>
/// Exports started from the page: written in the background into a file of the data directory, with the rows written
/// so far for a progress bar, cancellable, and then downloaded by their owner (for an hour). The page stays usable,
/// and other users are not held up: the export runs on the thread pool with a context of its own.
/// </summary>
public sealed class ExportJobs(IDbContextFactory<BackOfficeDb> factory, IOptions<BackOfficeOptions> options, ILogger<ExportJobs> log)
{
    public enum JobState { Running, Done, Cancelled, Failed }

    public sealed class Job
    {
        public Guid Id { get; } = Guid.NewGuid();
        public required string UserId { get; init; }
        /// <summary>The report it exports; null for a filled form.</summary>
        public string? ReportId { get; init; }
        public required string FileName { get; init; }
        public required string Path { get; init; }
        public int? Expected { get; init; }
        public DateTime StartedAt { get; } = DateTime.UtcNow;
        public int Rows;
        public JobState State { get; set; } = JobState.Running;
        public string? Error { get; set; }
        internal CancellationTokenSource Stop { get; } = new();
        /// <summary>Raised every few thousand rows and at the end, from the export's thread.</summary>
        public event Action? Changed;
        internal void Notify() => Changed?.Invoke();
    }

    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<Guid, Job> _jobs = new();

    private string Folder => System.IO.Path.Combine(options.Value.DataDirectory, "exports");

    public Job Start(string userId, ReportDefinition report, ReportRequest request, IReadOnlyList<int> units, ExportInfo info, bool csv, int? expected)
    {
        var job = new Job
        {
            UserId = userId, Expected = expected, ReportId = report.Id,
            FileName = ReportExport.FileName(report, request, csv), Path = NewFile(csv ? "csv" : "xlsx"),
        };
        _jobs[job.Id] = job;
        _ = Task.Run(async () =>
        {
            var ct = job.Stop.Token;
            try
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                await using (var file = File.Create(job.Path))
                    await ReportExport.WriteAsync(file, db, report, request, units, info, csv, ct, () => { if (++job.Rows % 5_000 == 0) job.Notify(); });
                job.State = JobState.Done;
            }
            catch (OperationCanceledException) { job.State = JobState.Cancelled; File.Delete(job.Path); }
            catch (Exception e)
            {
                log.LogError(e, "Export {Report} fehlgeschlagen", report.Id);
                (job.State, job.Error) = (JobState.Failed, "Der Export ist fehlgeschlagen; er ist protokolliert. Bitte später noch einmal versuchen.");
                File.Delete(job.Path); // nothing half-written stays behind
            }
            job.Notify();
        }, CancellationToken.None);
        return job;
    }

    /// <summary>A file made at once (a filled form), offered for download like a finished export.</summary>
    public Job Keep(string userId, string fileName, byte[] content)
    {
        var job = new Job { UserId = userId, FileName = fileName, Path = NewFile("xlsx"), State = JobState.Done };
        File.WriteAllBytes(job.Path, content);
        _jobs[job.Id] = job;
        return job;
    }

    public void Cancel(string userId, Guid id)
    {
        if (_jobs.TryGetValue(id, out var job) && job.UserId == userId) job.Stop.Cancel();
    }

    /// <summary>A finished export's file for its owner; null for anyone else, or while it runs.</summary>
    public Job? Finished(string userId, Guid id) =>
        _jobs.TryGetValue(id, out var job) && job.UserId == userId && job.State == JobState.Done && File.Exists(job.Path) ? job : null;

    /// <summary>The user's latest export of this report within the hour, running or not; null when there is none.</summary>
    public Job? Latest(string userId, string reportId) =>
        _jobs.Values.Where(j => j.UserId == userId && j.ReportId == reportId && DateTime.UtcNow - j.StartedAt < KeepFor)
            .MaxBy(j => j.StartedAt);

    /// <summary>A new file's path in the exports folder, after the old ones are swept.</summary>
    private string NewFile(string extension)
    {
        Sweep();
        Directory.CreateDirectory(Folder);
        return System.IO.Path.Combine(Folder, $"{Guid.NewGuid():N}.{extension}");
    }

    /// <summary>Forgets exports older than an hour, and their files.</summary>
    private void Sweep()
    {
        foreach (var (id, job) in _jobs)
            if (job.State != JobState.Running && DateTime.UtcNow - job.StartedAt > KeepFor && _jobs.TryRemove(id, out _)) File.Delete(job.Path);
    }
}

using BackOffice.Features.Reports;
using BackOffice.Infrastructure;
using BackOffice.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOffice.Tests.Reports;

/// <summary>Exports started from the page: progress, cancel, the file for its owner only (issue 13).</summary>
public class ExportJobTests(SeededCounty county) : IClassFixture<SeededCounty>
{
    private ExportJobs Jobs() => new(county.Db, Microsoft.Extensions.Options.Options.Create(new BackOfficeOptions { DataDirectory = county.Db.Directory }), NullLogger<ExportJobs>.Instance);

    private static readonly ReportRequest Quarter = new(SeededCounty.Anchor.AddDays(-90), SeededCounty.Anchor, null, null);
    private static readonly ExportInfo Info = new("Test", "", "", "", "", "tester", DateTime.Now, "tester");

    private static async Task UntilAsync(Func<bool> done)
    {
        for (var i = 0; i < 600 && !done(); i++) await Task.Delay(50);
        Assert.True(done(), "timed out");
    }

    [Fact]
    public async Task An_export_reports_its_rows_and_gives_its_file_to_its_owner_only()
    {
        var report = new ReportCatalog(Microsoft.Extensions.Options.Options.Create(new BackOfficeOptions { ReportsDirectory = ReportTests<SeededCounty>.ReportsFolder() })).Find("vorgaenge-liste")!;
        var jobs = Jobs();
        var units = new[] { await county.UnitIdAsync("50.1") };
        var job = jobs.Start("owner", report, Quarter, units, Info, csv: false, expected: null);
        var seen = 0;
        job.Changed += () => Interlocked.Increment(ref seen);
        await UntilAsync(() => job.State != ExportJobs.JobState.Running);
        Assert.Equal(ExportJobs.JobState.Done, job.State);
        Assert.True(job.Rows > 0 && seen > 0);
        Assert.Same(job, jobs.Finished("owner", job.Id));
        Assert.Null(jobs.Finished("someone else", job.Id));
        Assert.Equal("PK"u8.ToArray(), File.ReadAllBytes(job.Path)[..2]);
    }

    [Fact]
    public async Task A_cancelled_export_leaves_no_file()
    {
        var folder = Path.Combine(county.Db.Directory, "slow-reports");
        Directory.CreateDirectory(folder);
        // Every pair of cases: far more rows than anyone waits for.
        File.WriteAllText(Path.Combine(folder, "paare.json"),
            """{ "title": "Paare", "query": "SELECT a.Reference AS A, b.Reference AS B FROM Cases a, Cases b WHERE a.UnitId IN ({units})", "columns": [ { "name": "A", "field": "A" }, { "name": "B", "field": "B" } ] }""");
        var report = new ReportCatalog(Microsoft.Extensions.Options.Options.Create(new BackOfficeOptions { ReportsDirectory = folder })).Find("paare")!;
        var jobs = Jobs();
        var job = jobs.Start("owner", report, Quarter, [await county.UnitIdAsync("50.1")], Info, csv: true, expected: null);
        await UntilAsync(() => job.Rows > 10_000);
        jobs.Cancel("someone else", job.Id); // not theirs: nothing happens
        Assert.Equal(ExportJobs.JobState.Running, job.State);
        jobs.Cancel("owner", job.Id);
        await UntilAsync(() => job.State != ExportJobs.JobState.Running);
        Assert.Equal(ExportJobs.JobState.Cancelled, job.State);
        Assert.False(File.Exists(job.Path));
        Assert.Null(jobs.Finished("owner", job.Id));
    }
}

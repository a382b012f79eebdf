using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Features.Reports;

/// <summary>
/// The report definitions of the reports folder, read once. A definition that does not read, or whose query the
/// database refuses or whose columns name fields the query does not give, is refused at start-up
/// (<see cref="CheckAsync"/>): logged with its file name, shown on the page, not offered.
/// </summary>
public sealed class ReportCatalog
{
    private readonly List<ReportDefinition> _reports = [];
    private readonly List<string> _problems = [];

    public ReportCatalog(IOptions<BackOfficeOptions> options)
    {
        Directory = options.Value.ReportsDirectory is { Length: > 0 } d ? d : Path.Combine(AppContext.BaseDirectory, "reports");
        if (!System.IO.Directory.Exists(Directory)) { _problems.Add($"Der Ordner der Berichte fehlt: {Directory}"); return; }
        foreach (var path in System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal))
        {
            var (definition, problems) = ReportDefinition.Read(path);
            if (definition is not null) _reports.Add(definition);
            _problems.AddRange(problems);
        }
    }

    public string Directory { get; }
    public IReadOnlyList<ReportDefinition> Reports => _reports;
    /// <summary>Why definitions were refused, each naming its file.</summary>
    public IReadOnlyList<string> Problems => _problems;

    public ReportDefinition? Find(string? id) => _reports.FirstOrDefault(r => r.Id == id);

    /// <summary>Runs every query once over no unit and one day: what the database refuses, or a column without its field, is refused.</summary>
    public async Task CheckAsync(IDbContextFactory<BackOfficeDb> factory, CancellationToken ct = default)
    {
        var today = LocalDays.Today();
        foreach (var report in _reports.ToList())
        {
            try
            {
                foreach (var part in report.Parts.Prepend(report))
                {
                    await using var db = await factory.CreateDbContextAsync(ct);
                    await foreach (var _ in ReportRunner.RowsAsync(db, part, new ReportRequest(today, today, null, null), [], DateTime.UtcNow, ct)) { }
                }
            }
            catch (Exception e) when (e is ReportException or System.Data.Common.DbException)
            {
                _reports.Remove(report);
                _problems.Add($"{report.File}: {(e is ReportException ? e.Message : $"die Datenbank lehnt die Abfrage ab: {e.Message}")}");
            }
        }
    }
}

/// <summary>A definition that does not fit its query (a column naming a field the query does not give).</summary>
public sealed class ReportException(string message) : Exception(message);

/// <summary>Checks the definitions once the database is ready, and logs what it refuses.</summary>
public sealed class ReportCheck(ReportCatalog catalog, IDbContextFactory<BackOfficeDb> factory, ILogger<ReportCheck> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await catalog.CheckAsync(factory, ct);
        foreach (var problem in catalog.Problems) log.LogError("Berichtsdefinition abgelehnt: {Problem}", problem);
        log.LogInformation("{Count} Berichte aus {Directory}", catalog.Reports.Count, catalog.Directory);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

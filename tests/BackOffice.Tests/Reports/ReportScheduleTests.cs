using BackOffice.Data;
using BackOffice.Features.Access;
using BackOffice.Features.Reports;
using BackOffice.Infrastructure;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOffice.Tests.Reports;

public class ReportScheduleTestsOnSqlite(SeededCounty county) : ReportScheduleTests<SeededCounty>(county);

public class ReportScheduleTestsOnMariaDb(SeededMariaDbCounty county) : ReportScheduleTests<SeededMariaDbCounty>(county);

/// <summary>Scheduled reports (issue 13): monthly, over the month before, kept in the database across restarts.</summary>
public abstract class ReportScheduleTests<TCounty>(TCounty county) : IClassFixture<TCounty> where TCounty : SeededCounty
{
    private bool _cleared;

    /// <summary>A fresh instance, as after a restart: it knows only what the database keeps.</summary>
    private ReportSchedules Start()
    {
        if (!_cleared)
        {
            // Each test starts with no schedules of earlier tests in this class: the due counts below are exact.
            using var db = county.Db.CreateDbContext();
            db.ReportSchedules.ExecuteDelete();
            _cleared = true;
        }
        var services = new ServiceCollection();
        services.AddSingleton<IDbContextFactory<BackOfficeDb>>(county.Db);
        services.AddMemoryCache();
        services.AddSingleton<UnitScopes>();
        services.AddScoped<ReportUnits>();
        var provider = services.BuildServiceProvider();
        var options = Microsoft.Extensions.Options.Options.Create(new BackOfficeOptions { DataDirectory = county.Db.Directory, ReportsDirectory = ReportTests<TCounty>.ReportsFolder() });
        return new ReportSchedules(county.Db, new ReportCatalog(options), provider.GetRequiredService<IServiceScopeFactory>(), options, NullLogger<ReportSchedules>.Instance);
    }

    private static DateTime At(int year, int month, int day) => LocalDays.Start(new DateOnly(year, month, day)).AddHours(6);

    [Fact]
    public async Task A_monthly_report_runs_once_a_month_over_the_month_before_and_survives_a_restart()
    {
        var controller = await county.UserIdAsync("controller");
        var schedules = Start();
        Assert.IsType<RefusedOutcome>(await schedules.CreateAsync(controller, "online-anteil-je-leistung-und-monat", 31, null, null, null));
        Assert.IsType<RefusedOutcome>(await schedules.CreateAsync(controller, "gibt-es-nicht", 2, null, null, null));
        Assert.True((await schedules.CreateAsync(controller, "online-anteil-je-leistung-und-monat", 2, "50", null, null)).IsDone);
        await using (var audit = county.Db.Open(UnitScope.System))
            Assert.True(await audit.AuditEvents.AnyAsync(e => e.Action == "report-scheduled" && e.Actor == "controller" && e.EntityId == "online-anteil-je-leistung-und-monat"));
        var late = await schedules.CreateAsync(controller, "eingaenge-je-gemeinde", 20, null, null, null);
        Assert.True(late.IsDone);

        // 1 December: nothing is due yet (days 2 and 20).
        Assert.Equal(0, await schedules.RunDueAsync(At(2026, 12, 1)));
        // 2 December: November's online share for Soziales; again the same day, nothing more.
        Assert.Equal(1, await schedules.RunDueAsync(At(2026, 12, 2)));
        Assert.Equal(0, await schedules.RunDueAsync(At(2026, 12, 2).AddHours(3)));

        // After a restart: the next month's runs come from the database alone.
        var restarted = Start();
        Assert.Equal(2, await restarted.RunDueAsync(At(2027, 1, 25)));
        var mine = await restarted.ListAsync(controller);
        var online = mine.Single(s => s.ReportId == "online-anteil-je-leistung-und-monat");
        Assert.Equal("Einheit 50", online.Filters);
        Assert.Equal([new DateOnly(2026, 12, 1), new DateOnly(2026, 11, 1)], online.Results.Select(r => r.From));
        var november = online.Results.Single(r => r.From.Month == 11);
        Assert.Equal(new DateOnly(2026, 11, 30), november.To);
        Assert.True(november.Rows > 0 && november.Error is null, november.Error);
        var file = await restarted.FileAsync(controller, november.Id);
        Assert.NotNull(file);
        Assert.Equal("PK"u8.ToArray(), File.ReadAllBytes(file.Value.Path)[..2]);
        Assert.Equal("online-anteil-je-leistung-und-monat_2026-11.xlsx", file.Value.FileName);

        // Only its owner gets it; deleting the schedule removes its files.
        Assert.Null(await restarted.FileAsync(await county.UserIdAsync("head"), november.Id));
        Assert.True((await restarted.DeleteAsync(controller, online.Id)).IsDone);
        Assert.False(File.Exists(file.Value.Path));
        Assert.DoesNotContain(await restarted.ListAsync(controller), s => s.Id == online.Id);
    }

    [Fact]
    public async Task A_unit_no_longer_granted_gives_a_result_that_says_so_and_no_file()
    {
        var head = await county.UserIdAsync("head");
        var schedules = Start();
        Assert.True((await schedules.CreateAsync(head, "wiedervorlagen", 1, "51.1", null, null)).IsDone); // Jugend: not hers
        Assert.Equal(1, await schedules.RunDueAsync(At(2026, 12, 3)));
        var result = (await schedules.ListAsync(head)).Single(s => s.ReportId == "wiedervorlagen").Results.Single();
        Assert.Contains("nicht mehr freigegeben", result.Error);
        Assert.Null(await schedules.FileAsync(head, result.Id));
    }
}

using System.Security.Claims;
using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Features.Reports;

/// <summary>
/// Scheduled reports: a monthly run on a chosen day, over the month before, as its owner with the filters chosen then.
/// <see cref="RunDueAsync"/> writes each due result as .xlsx into the data directory; the owner downloads it from the
/// Statistiken page. Schedules and results are rows, so a restart loses nothing.
/// </summary>
public sealed class ReportSchedules(IDbContextFactory<BackOfficeDb> factory, ReportCatalog catalog, IServiceScopeFactory scopes,
    IOptions<BackOfficeOptions> options, ILogger<ReportSchedules> log)
{
    public sealed record Item(int Id, string ReportId, string Title, int DayOfMonth, string Filters, IReadOnlyList<ResultItem> Results);
    public sealed record ResultItem(int Id, string FileName, DateOnly From, DateOnly To, DateTime CreatedAt, int Rows, string? Error);

    public string Folder => Path.Combine(options.Value.DataDirectory, "report-results");

    public async Task<Outcome> CreateAsync(string userId, string reportId, int dayOfMonth, string? unitKey, int? serviceId, Channel? channel, CancellationToken ct = default)
    {
        var report = catalog.Find(reportId);
        if (report is null) return Outcome.Refused("Diesen Bericht gibt es nicht.");
        if (dayOfMonth is < 1 or > 28) return Outcome.Refused("Bitte einen Tag von 1 bis 28 wählen: den gibt es in jedem Monat.");
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.ReportSchedules.CountAsync(s => s.UserId == userId, ct) >= 50) return Outcome.Refused("Sie haben bereits 50 Berichte geplant; bitte zuerst einen löschen.");
        db.ReportSchedules.Add(new ReportSchedule
        {
            ReportId = reportId, UserId = userId, DayOfMonth = dayOfMonth, UnitKey = unitKey, ServiceId = serviceId, Channel = channel, CreatedAt = DateTime.UtcNow,
        });
        db.Actor = await ActorAsync(db, userId, ct);
        db.LogEvent("report-scheduled", nameof(ReportSchedule), reportId, details: $"am {dayOfMonth}. jedes Monats");
        await db.SaveChangesAsync(ct);
        return Outcome.Done($"„{report.Title}“ wird an jedem {dayOfMonth}. des Monats für den Vormonat erstellt; die Ergebnisse stehen hier zum Herunterladen.");
    }

    public async Task<IReadOnlyList<Item>> ListAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var schedules = await db.ReportSchedules.AsNoTracking().Where(s => s.UserId == userId).Include(s => s.Results).OrderBy(s => s.Id).ToListAsync(ct);
        var services = await db.Services.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        return schedules.Select(s => new Item(s.Id, s.ReportId, catalog.Find(s.ReportId)?.Title ?? $"{s.ReportId} (nicht mehr vorhanden)", s.DayOfMonth,
            string.Join(", ", new[] { s.UnitKey is { } u ? $"Einheit {u}" : null, s.ServiceId is { } id ? services.GetValueOrDefault(id) : null, s.Channel is { } c ? Labels.Of(c) : null }
                .Where(x => x is not null)) is { Length: > 0 } f ? f : "alle freigegebenen Einheiten",
            s.Results.OrderByDescending(r => r.CreatedAt).Take(24).Select(r => new ResultItem(r.Id, r.FileName, r.From, r.To, r.CreatedAt, r.Rows, r.Error)).ToList())).ToList();
    }

    /// <summary>The audit trail names people by their user name, as everywhere else.</summary>
    private static async Task<string> ActorAsync(BackOfficeDb db, string userId, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.UserName).SingleOrDefaultAsync(ct) ?? userId;

    public async Task<Outcome> DeleteAsync(string userId, int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var schedule = await db.ReportSchedules.Include(s => s.Results).SingleOrDefaultAsync(s => s.Id == id && s.UserId == userId, ct);
        if (schedule is null) return Outcome.Stale("Diese Planung gibt es nicht mehr.");
        foreach (var r in schedule.Results.Where(r => r.StoredName is not null)) File.Delete(Path.Combine(Folder, r.StoredName!));
        db.ReportSchedules.Remove(schedule);
        db.Actor = await ActorAsync(db, userId, ct);
        db.LogEvent("report-unscheduled", nameof(ReportSchedule), schedule.ReportId);
        await db.SaveChangesAsync(ct);
        return Outcome.Done("Die Planung und ihre Ergebnisse sind gelöscht.");
    }

    /// <summary>A result's file for its owner; null for anyone else (the endpoint answers 404).</summary>
    public async Task<(string Path, string FileName)?> FileAsync(string userId, int resultId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var r = await db.ReportResults.AsNoTracking().Where(x => x.Id == resultId && x.Schedule!.UserId == userId && x.StoredName != null)
            .Select(x => new { x.StoredName, x.FileName }).SingleOrDefaultAsync(ct);
        return r is null ? null : (Path.Combine(Folder, r.StoredName!), r.FileName);
    }

    /// <summary>
    /// Runs what is due at <paramref name="now"/>: each schedule whose day has come this month and that has no result for
    /// last month yet. Returns how many ran.
    /// </summary>
    public async Task<int> RunDueAsync(DateTime now, CancellationToken ct = default)
    {
        var today = LocalDays.DayOf(now);
        var lastMonthEnd = new DateOnly(today.Year, today.Month, 1).AddDays(-1);
        var lastMonthStart = new DateOnly(lastMonthEnd.Year, lastMonthEnd.Month, 1);
        List<ReportSchedule> due;
        await using (var db = await factory.CreateDbContextAsync(ct))
            due = await db.ReportSchedules.Where(s => s.DayOfMonth <= today.Day && (s.LastPeriodEnd == null || s.LastPeriodEnd < lastMonthEnd)).ToListAsync(ct);
        Directory.CreateDirectory(Folder);
        var ran = 0;
        foreach (var schedule in due)
        {
            // Claimed before it is produced: of several instances (or a scheduler that lost its lease meanwhile), one
            // produces it, once. A crash while producing leaves that month without a result; its owner exports it by hand.
            await using (var db = await factory.CreateDbContextAsync(ct))
                if (await db.ReportSchedules.Where(s => s.Id == schedule.Id && (s.LastPeriodEnd == null || s.LastPeriodEnd < lastMonthEnd))
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastPeriodEnd, lastMonthEnd), ct) == 0)
                    continue;
            ran++;
            var result = new ReportResult { ScheduleId = schedule.Id, CreatedAt = DateTime.UtcNow, From = lastMonthStart, To = lastMonthEnd,
                FileName = $"{schedule.ReportId}_{lastMonthStart:yyyy-MM}.xlsx" };
            try { (result.StoredName, result.Rows) = await ExportAsync(schedule, new ReportRequest(lastMonthStart, lastMonthEnd, schedule.ServiceId, schedule.Channel), ct); }
            catch (Exception e) when (e is ReportException or System.Data.Common.DbException or IOException or InvalidOperationException)
            {
                log.LogError(e, "Geplanter Bericht {Report} für {User} fehlgeschlagen", schedule.ReportId, schedule.UserId);
                result.Error = e is ReportException or InvalidOperationException ? e.Message : "Die Datenbank oder das Dateisystem hat den Bericht nicht erstellt; die Planung läuft weiter.";
            }
            await using var save = await factory.CreateDbContextAsync(ct);
            save.ReportResults.Add(result);
            await save.SaveChangesAsync(ct);
        }
        return ran;
    }

    /// <summary>Writes the report as its owner would get it now: their role and units, as they are today.</summary>
    private async Task<(string StoredName, int Rows)> ExportAsync(ReportSchedule schedule, ReportRequest request, CancellationToken ct)
    {
        var report = catalog.Find(schedule.ReportId) ?? throw new InvalidOperationException("Die Berichtsdefinition gibt es nicht mehr.");
        ClaimsPrincipal owner;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var user = await db.Users.AsNoTracking().Where(u => u.Id == schedule.UserId).Select(u => new { u.Id, u.UserName, u.Role, u.Disabled }).SingleOrDefaultAsync(ct);
            if (user is null || user.Disabled) throw new InvalidOperationException("Das Konto, das den Bericht geplant hat, ist abgeschaltet.");
            owner = new ClaimsPrincipal(new ClaimsIdentity([new(ClaimTypes.NameIdentifier, user.Id), new(ClaimTypes.Name, user.UserName ?? ""), new(ClaimTypes.Role, user.Role)], "schedule"));
        }
        await using var scope = scopes.CreateAsyncScope();
        var units = await scope.ServiceProvider.GetRequiredService<ReportUnits>().ChooseAsync(owner, schedule.UnitKey, ct)
            ?? throw new InvalidOperationException($"Die Einheit {schedule.UnitKey} ist dem Konto nicht mehr freigegeben.");
        var info = await ReportForm.InfoAsync(factory, report, request, units, owner.Identity!.Name!, ct, scheduled: true);
        var stored = $"{Guid.NewGuid():N}.xlsx";
        var path = Path.Combine(Folder, stored);
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            await using var file = File.Create(path);
            var rows = await ReportExport.WriteAsync(file, db, report, request, units.UnitIds, info, csv: false, ct);
            return (stored, rows);
        }
        catch
        {
            File.Delete(path); // nothing half-written stays behind
            throw;
        }
    }
}

/// <summary>Looks for due scheduled reports every few minutes (BackOffice:ReportScheduleMinutes; 0 switches it off).</summary>
public sealed class ReportScheduler(ReportSchedules schedules, IOptions<BackOfficeOptions> options, ILogger<ReportScheduler> log) : ILeasedWork
{
    public async Task RunAsync(CancellationToken stop)
    {
        var minutes = options.Value.ReportScheduleMinutes;
        if (minutes <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes));
        do
        {
            try
            {
                var ran = await schedules.RunDueAsync(DateTime.UtcNow, stop);
                if (ran > 0) log.LogInformation("{Count} geplante Berichte erstellt", ran);
            }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogError(e, "Geplante Berichte: Durchlauf fehlgeschlagen"); }
        } while (await timer.WaitForNextTickAsync(stop));
    }
}

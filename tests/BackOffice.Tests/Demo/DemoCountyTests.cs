using BackOffice.Features.Documents;
using BackOffice.Data;
using BackOffice.Features.Demo;
using BackOffice.Features.Files;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOffice.Tests.Demo;

/// <summary>The full-size demo county: its volume and the patterns the dashboards will show.</summary>
public class DemoCountyTests
{
    private static readonly DateOnly Anchor = new(2026, 11, 20);

    private static async Task<(TestDatabase Db, DemoCounty.SeedCounts Counts)> SeedAsync(double scale)
    {
        var t = new TestDatabase();
        var options = Microsoft.Extensions.Options.Options.Create(t.Options);
        var county = new DemoCounty(t, new DocumentStore(options), options, NullLogger<DemoCounty>.Instance);
        return (t, await county.SeedAsync(Anchor, scale, withDocuments: true));
    }

    [Fact]
    public async Task Two_years_of_realistic_history()
    {
        var (t, counts) = await SeedAsync(1.0);
        using var _ = t;
        await using var db = t.Open(UnitScope.System);
        var cases = await db.Cases.AsNoTracking().Select(c => new { c.ReceivedAt, c.Channel, c.Status, c.DueAt, c.DecidedAt, c.ServiceId }).ToListAsync();

        Assert.True(counts.Cases >= 20_000, $"{counts.Cases} cases");
        Assert.Equal(counts.Cases, cases.Count);
        Assert.True(await db.Services.CountAsync() >= 20);
        Assert.True(await db.Municipalities.CountAsync() >= 15);

        // Weekdays carry the load; Mondays more than Fridays.
        var byDay = cases.GroupBy(c => Labels.Local(c.ReceivedAt).DayOfWeek).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(byDay[DayOfWeek.Monday] > byDay[DayOfWeek.Friday]);
        Assert.True(byDay.GetValueOrDefault(DayOfWeek.Sunday) * 10 < byDay[DayOfWeek.Wednesday]);

        // The online share grows: the last quarter is well above the first.
        var first = cases.Where(c => c.ReceivedAt < new DateTime(2025, 2, 20)).ToList();
        var last = cases.Where(c => c.ReceivedAt >= new DateTime(2026, 8, 20)).ToList();
        double Online(IEnumerable<dynamic> list, int n) => list.Count(c => c.Channel == Channel.Portal) / (double)n;
        Assert.True(Online(last, last.Count) > Online(first, first.Count) + 0.1);

        // Some decided late, some still open past their deadline, most closed.
        Assert.Contains(cases, c => c.DecidedAt > c.DueAt);
        Assert.Contains(cases, c => c.DecidedAt == null && c.DueAt < DateTime.UtcNow);
        Assert.True(cases.Count(c => c.Status == CaseStatus.Abgeschlossen) > cases.Count / 2);
        Assert.True(counts.Documents > 1000);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "seeded"));
    }

    [Fact]
    public async Task The_same_anchor_gives_the_same_county()
    {
        var (a, countsA) = await SeedAsync(0.05);
        var (b, countsB) = await SeedAsync(0.05);
        using var _a = a;
        using var _b = b;
        Assert.Equal(countsA, countsB);
        await using var dbA = a.Open(UnitScope.System);
        await using var dbB = b.Open(UnitScope.System);
        var rowsA = await dbA.Cases.OrderBy(c => c.Id).Select(c => c.Reference + c.ApplicantName + c.Status + c.ReceivedAt).ToListAsync();
        var rowsB = await dbB.Cases.OrderBy(c => c.Id).Select(c => c.Reference + c.ApplicantName + c.Status + c.ReceivedAt).ToListAsync();
        Assert.Equal(rowsA, rowsB);
    }
}

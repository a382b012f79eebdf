using BackOffice.Data;
using BackOffice.Features.Files;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Files;

/// <summary>The list behind "Meine Vorgänge", checked against the same rows filtered and sorted in memory.</summary>
public class CaseListTestsOnSqlite(SeededCounty county) : CaseListTests<SeededCounty>(county);

public class CaseListTestsOnMariaDb(SeededMariaDbCounty county) : CaseListTests<SeededMariaDbCounty>(county);

public abstract class CaseListTests<TApp>(TApp county) : IClassFixture<TApp> where TApp : SeededCounty
{
    private async Task<(BackOfficeDb Db, List<Case> All)> ClerkAsync()
    {
        var db = county.Db.Open(UnitScope.Of([await county.UnitIdAsync("50.1")]));
        var all = await db.Cases.AsNoTracking().ToListAsync();
        return (db, all);
    }

    [Fact]
    public async Task Sorting_by_reference_pages_through_the_rows_in_order()
    {
        var (db, all) = await ClerkAsync();
        await using var _ = db;
        var expected = all.OrderBy(c => c.Reference, StringComparer.OrdinalIgnoreCase).Skip(20).Take(20).Select(c => c.Id).ToList();
        var page = await CaseList.QueryAsync(db, new CaseList.Filter(), CaseList.SortBy.Reference, descending: false, skip: 20, take: 20);
        Assert.Equal(expected, page.Rows.Select(r => r.Id));
        Assert.Equal(Math.Min(all.Count, CaseList.CountCap), page.Count);
    }

    [Fact]
    public async Task Filters_combine_on_the_database()
    {
        var (db, all) = await ClerkAsync();
        await using var _ = db;
        var clerk = await county.UserIdAsync("clerk");
        // Open means not decided, as on the dashboard.
        var someone = all.First(c => c.AssigneeId == clerk && c.Status < CaseStatus.Entschieden);
        var prefix = someone.ApplicantName[..4];
        var expected = all.Where(c => c.AssigneeId == clerk && c.Status < CaseStatus.Entschieden
                && (c.ApplicantName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || c.Reference.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id).Select(c => c.Id).ToList();

        var page = await CaseList.QueryAsync(db, new CaseList.Filter { AssigneeId = clerk, OpenOnly = true, Text = prefix.ToLowerInvariant() },
            CaseList.SortBy.ReceivedAt, descending: true, skip: 0, take: 1000);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, page.Rows.Select(r => r.Id));
        Assert.Equal(expected.Count, page.Count);
    }

    [Fact]
    public async Task Overdue_and_date_range_filters_match_their_definitions()
    {
        var (db, all) = await ClerkAsync();
        await using var _ = db;
        var now = DateTime.UtcNow;
        var from = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc);
        var page = await CaseList.QueryAsync(db, new CaseList.Filter { OverdueOnly = true, ReceivedFrom = from, ReceivedTo = to },
            CaseList.SortBy.DueAt, descending: false, skip: 0, take: 5000);
        var expected = all.Where(c => c.ReceivedAt >= from && c.ReceivedAt < to && c.DueAt < now && c.Status < CaseStatus.Entschieden).ToList();
        Assert.Equal(expected.Count, page.Count);
        Assert.Equal(expected.OrderBy(c => c.DueAt).ThenBy(c => c.Id).Select(c => c.Id), page.Rows.Select(r => r.Id));
    }

    [Fact]
    public void Deadline_words_do_not_rely_on_colour()
    {
        var now = new DateTime(2026, 11, 20, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal("überfällig seit 3 Tagen", Labels.Deadline(now.AddDays(-3), CaseStatus.InBearbeitung, now));
        Assert.Equal("heute fällig", Labels.Deadline(now.AddHours(2), CaseStatus.Eingegangen, now));
        Assert.Equal("fällig in 5 Tagen", Labels.Deadline(now.AddDays(5), CaseStatus.Nachforderung, now));
        Assert.Equal("erledigt", Labels.Deadline(now.AddDays(-3), CaseStatus.Entschieden, now));
        Assert.Equal("keine Frist", Labels.Deadline(null, CaseStatus.Eingegangen, now));
    }
}

using BackOffice.Data;
using BackOffice.Features.Access;
using BackOffice.Infrastructure;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Access;

public class DeputiesTestsOnSqlite(SeededCounty county) : DeputiesTests<SeededCounty>(county);

public class DeputiesTestsOnMariaDb(SeededMariaDbCounty county) : DeputiesTests<SeededMariaDbCounty>(county);

/// <summary>Vertretung (issue 11) on both engines: who may stand in, for which days, and ending it.</summary>
public abstract class DeputiesTests<TCounty>(TCounty county) : IClassFixture<TCounty> where TCounty : SeededCounty
{
    private static DateOnly Today => DateOnly.FromDateTime(Labels.Local(DateTime.UtcNow));

    [Fact]
    public async Task A_colleague_of_the_unit_or_its_head_may_stand_in_for_the_days_named_and_nobody_else()
    {
        var (anna, lena, jonas, head) = (await county.UserIdAsync("clerk"), await county.UserIdAsync("clerk3"), await county.UserIdAsync("clerk2"), await county.UserIdAsync("head"));
        await using var db = county.Db.Open(UnitScope.System);
        var candidates = (await Deputies.CandidatesAsync(db, anna)).Select(c => c.Id).ToList();
        Assert.Contains(lena, candidates);
        Assert.Contains(head, candidates); // the head of 50 leads 50.1
        Assert.DoesNotContain(jonas, candidates); // 50.2 sees none of Anna's cases
        Assert.DoesNotContain(anna, candidates);

        Assert.IsType<RefusedOutcome>(await Deputies.AddAsync(db, anna, jonas, Today, Today.AddDays(3)));
        Assert.IsType<RefusedOutcome>(await Deputies.AddAsync(db, anna, lena, Today.AddDays(3), Today));
        Assert.IsType<RefusedOutcome>(await Deputies.AddAsync(db, anna, lena, Today.AddDays(-9), Today.AddDays(-2)));
        Assert.IsType<RefusedOutcome>(await Deputies.AddAsync(db, anna, lena, Today, Today.AddYears(2)));
        // Emptied date fields are asked for, not read as the year 1 ("läge ganz in der Vergangenheit").
        Assert.Equal("Bitte Beginn und Ende der Vertretung angeben.", (await Deputies.AddAsync(db, anna, lena, null, null)).Message);
        Assert.Equal("Bitte den Beginn der Vertretung angeben.", (await Deputies.AddAsync(db, anna, lena, null, Today)).Message);
        Assert.Equal("Bitte das Ende der Vertretung angeben.", (await Deputies.AddAsync(db, anna, lena, Today, null)).Message);
        var added = await Deputies.AddAsync(db, anna, lena, Today, Today.AddDays(5));
        Assert.True(added.IsDone, added.Message);
        Assert.Contains("Lena Fischer vertritt Sie", added.Message);
        // Overlapping: refused, not a second deputy by surprise; and Lena cannot name Anna while Anna is away.
        Assert.IsType<RefusedOutcome>(await Deputies.AddAsync(db, anna, head, Today.AddDays(2), Today.AddDays(9)));
        Assert.Contains("selbst abwesend", (await Deputies.AddAsync(db, lena, anna, Today.AddDays(1), Today.AddDays(2))).Message);

        var represented = Assert.Single(await Deputies.RepresentedByAsync(db, lena));
        Assert.Equal(("clerk", "Anna Becker", Today.AddDays(5)), (represented.UserName, represented.Name, represented.Until));
        Assert.Empty(await Deputies.RepresentedByAsync(db, head));

        var entry = Assert.Single(await Deputies.OfAsync(db, anna));
        Assert.IsType<RefusedOutcome>(await Deputies.EndAsync(db, lena, entry.Id)); // only one's own
        Assert.True((await Deputies.EndAsync(db, anna, entry.Id)).IsDone);
        Assert.Empty(await Deputies.RepresentedByAsync(db, lena));
        Assert.Empty(await Deputies.OfAsync(db, anna));
    }

    [Fact]
    public async Task A_deputy_in_the_future_is_not_in_force_yet()
    {
        var (jonas, head) = (await county.UserIdAsync("clerk2"), await county.UserIdAsync("head"));
        await using var db = county.Db.Open(UnitScope.System);
        Assert.True((await Deputies.AddAsync(db, jonas, head, Today.AddDays(3), Today.AddDays(10))).IsDone);
        Assert.Empty(await Deputies.RepresentedByAsync(db, head));
        Assert.Single(await Deputies.OfAsync(db, jonas));
        Assert.Equal(("otto", "anna"), Deputies.SplitActor(Deputies.ActingFor("otto", "anna")) is (var a, { } r) ? (a, r) : ("", ""));
    }
}

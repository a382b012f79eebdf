using BackOffice.Data;
using BackOffice.Tests.Support;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Data;

public class AuditTrailTests
{
    private static async Task<int> AddUnitAsync(TestDatabase t, string key)
    {
        await using var db = t.Open(UnitScope.System);
        db.Actor = "tester";
        var unit = new OrgUnit { Key = key, Name = "Test " + key, Level = UnitLevel.Fachdienst };
        db.OrgUnits.Add(unit);
        await db.SaveChangesAsync();
        return unit.Id;
    }

    [Theory, MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Every_change_and_read_is_chained_in_order(string engine)
    {
        using var t = new TestDatabase(provider: engine);
        var id = await AddUnitAsync(t, "T1");
        await using (var db = t.Open(UnitScope.System))
        {
            db.Actor = "tester";
            var unit = await db.OrgUnits.SingleAsync(u => u.Id == id);
            unit.Name = "Umbenannt";
            db.LogRead("Case", "42", id);
            await db.SaveChangesAsync();
        }

        await using var check = t.Open(UnitScope.System);
        var events = await check.AuditEvents.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["created", "changed", "read"], events.Select(e => e.Action));
        Assert.Equal(id.ToString(), events[0].EntityId); // the id assigned on insert, not a temporary one
        Assert.Contains("Umbenannt", events[1].Details);
        Assert.All(events, e => Assert.Equal("tester", e.Actor));
        Assert.Equal(AuditChain.Genesis, events[0].PreviousHash);
        Assert.Equal(events[0].Hash, events[1].PreviousHash);
        Assert.Null(await AuditChain.FindFirstBreakAsync(check));
    }

    [Theory, MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task The_database_refuses_to_change_or_delete_an_event(string engine)
    {
        using var t = new TestDatabase(provider: engine);
        await AddUnitAsync(t, "T1");
        await using var db = t.Open(UnitScope.System);
        var update = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("UPDATE AuditEvents SET Actor = 'someone else'"));
        Assert.Contains("append-only", update.Message);
        await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM AuditEvents"));
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Actor == "tester"));
    }

    [Theory, MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Writers_at_the_same_time_keep_one_unbroken_chain(string engine)
    {
        using var t = new TestDatabase(provider: engine);
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => AddUnitAsync(t, $"P{i}"))));
        await using var db = t.Open(UnitScope.System);
        Assert.Equal(12, await db.AuditEvents.CountAsync());
        Assert.Null(await AuditChain.FindFirstBreakAsync(db));
    }

    [Fact]
    public async Task A_tampered_event_breaks_the_chain()
    {
        using var t = new TestDatabase();
        await AddUnitAsync(t, "T1");
        await AddUnitAsync(t, "T2");
        await AddUnitAsync(t, "T3");
        await using var db = t.Open(UnitScope.System);
        // Someone with file access drops the trigger and edits the second event.
        await db.Database.ExecuteSqlRawAsync("DROP TRIGGER AuditEvents_NoUpdate");
        var second = await db.AuditEvents.OrderBy(e => e.Id).Skip(1).Select(e => e.Id).FirstAsync();
        await db.Database.ExecuteSqlRawAsync("UPDATE AuditEvents SET Actor = 'jemand' WHERE Id = {0}", second);
        Assert.Equal(second, await AuditChain.FindFirstBreakAsync(db));
    }

    [Theory, MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_failed_save_leaves_neither_the_row_nor_its_event(string engine)
    {
        using var t = new TestDatabase(provider: engine);
        await AddUnitAsync(t, "T1");
        await using (var db = t.Open(UnitScope.System))
        {
            db.OrgUnits.Add(new OrgUnit { Key = "T1", Name = "Doppelt", Level = UnitLevel.Team }); // unique key violated
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        await using var check = t.Open(UnitScope.System);
        Assert.Equal(1, await check.OrgUnits.CountAsync());
        Assert.Equal(1, await check.AuditEvents.CountAsync());
    }
}

using BackOffice.Data;
using BackOffice.Features.Files;
using BackOffice.Infrastructure;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Files;

public class CaseWorkTestsOnSqlite(SeededCounty county) : CaseWorkTests<SeededCounty>(county);

public class CaseWorkTestsOnMariaDb(SeededMariaDbCounty county) : CaseWorkTests<SeededMariaDbCounty>(county);

/// <summary>Assigning a case (issue 11) on both engines: to a colleague of its unit only, with its open inbox items.</summary>
public abstract class CaseWorkTests<TCounty>(TCounty county) : IClassFixture<TCounty> where TCounty : SeededCounty
{
    [Fact]
    public async Task A_case_goes_to_a_colleague_of_its_unit_with_its_open_items_and_nobody_else()
    {
        var unit = await county.UnitIdAsync("50.1");
        var (clerk, clerk2) = (await county.UserIdAsync("clerk"), await county.UserIdAsync("clerk2"));
        int caseId, itemId;
        await using (var db = county.Db.Open(UnitScope.System))
        {
            var @case = await db.Cases.Where(c => c.UnitId == unit && (c.AssigneeId == null || c.AssigneeId != clerk)).OrderBy(c => c.Id).FirstAsync();
            var item = new InboxItem { Number = $"E-2026-7{Random.Shared.Next(1_000_000):D6}", Channel = Channel.Papier, ReceivedAt = DateTime.UtcNow, UnitId = unit,
                Subject = "Nachreichung", Sender = @case.ApplicantName, CaseId = @case.Id };
            db.InboxItems.Add(item);
            await db.SaveChangesAsync();
            (caseId, itemId) = (@case.Id, item.Id);
        }

        // The clerk of 50.2 works for another unit: refused, nothing changes.
        await using (var db = county.Db.Open(UnitScope.Of([unit])))
        {
            Assert.Contains(await CaseWork.ColleaguesAsync(db, unit), c => c.Id == clerk);
            Assert.IsType<RefusedOutcome>(await CaseWork.AssignAsync(db, caseId, clerk2));
        }
        // The clerk of 50.2 cannot even see it.
        await using (var db = county.Db.Open(UnitScope.Of([await county.UnitIdAsync("50.2")])))
            Assert.IsType<RefusedOutcome>(await CaseWork.AssignAsync(db, caseId, clerk2));

        await using (var db = county.Db.Open(UnitScope.Of([unit])))
        {
            db.Actor = "head";
            var done = await CaseWork.AssignAsync(db, caseId, clerk);
            Assert.True(done.IsDone, done.Message);
            Assert.Contains("Sein offener Eingang ebenfalls", done.Message);
            Assert.IsType<StaleOutcome>(await CaseWork.AssignAsync(db, caseId, clerk));
        }
        await using var check = county.Db.Open(UnitScope.System);
        Assert.Equal(clerk, (await check.Cases.SingleAsync(c => c.Id == caseId)).AssigneeId);
        var item2 = await check.InboxItems.SingleAsync(i => i.Id == itemId);
        Assert.Equal((clerk, InboxState.Zugewiesen), (item2.AssigneeId, item2.State));
        Assert.True(await check.AuditEvents.AnyAsync(e => e.Action == "case-assigned" && e.EntityId == caseId.ToString() && e.Actor == "head"));
    }
}

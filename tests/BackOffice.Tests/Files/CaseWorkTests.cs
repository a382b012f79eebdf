using BackOffice.Data;
using BackOffice.Features.Files;
using BackOffice.Infrastructure;
using BackOffice.Tests.Support;
using BackOffice.Shared;
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
            Assert.Contains(await Assignees.ForUnitsAsync(db, [unit]), c => c.Id == clerk);
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

    /// <summary>A fresh case in a file of its own, so that tests do not meet each other's changes.</summary>
    private async Task<(int CaseId, int FileId, int Unit)> NewCaseAsync(CaseStatus status = CaseStatus.Eingegangen)
    {
        var unit = await county.UnitIdAsync("50.1");
        await using var db = county.Db.Open(UnitScope.System);
        var entry = await db.FilePlanEntries.OrderBy(e => e.Id).FirstAsync();
        var n = Random.Shared.Next(100_000, 999_999);
        var file = new CaseFile { Reference = $"T-{n}", FilePlanEntryId = entry.Id, Sequence = n, UnitId = unit, Title = "Testakte", CreatedAt = DateTime.UtcNow };
        var @case = new Case { Reference = $"T-{n}/1", CaseFile = file, UnitId = unit, Subject = "Test", ApplicantName = "Erika Muster", Status = status,
            ReceivedAt = DateTime.UtcNow.AddDays(-3), StatusChangedAt = DateTime.UtcNow.AddDays(-3), DueAt = DateTime.UtcNow.AddDays(30) };
        db.Cases.Add(@case);
        await db.SaveChangesAsync();
        return (@case.Id, file.Id, unit);
    }

    [Fact]
    public async Task Status_follows_the_allowed_steps_closing_needs_a_reason_and_closes_the_file_and_reopening_opens_both()
    {
        var (caseId, fileId, unit) = await NewCaseAsync();
        var clerk = await county.UserIdAsync("clerk");
        await using (var db = county.Db.Open(UnitScope.Of([unit])))
        {
            Assert.IsType<RefusedOutcome>(await CaseWork.ChangeStatusAsync(db, clerk, caseId, CaseStatus.Eingegangen, (CaseStatus)99, null));
            Assert.True((await CaseWork.ChangeStatusAsync(db, clerk, caseId, CaseStatus.Eingegangen, CaseStatus.InBearbeitung, null)).IsDone);
            // A page that still shows "eingegangen" is told, and changes nothing.
            Assert.IsType<StaleOutcome>(await CaseWork.ChangeStatusAsync(db, clerk, caseId, CaseStatus.Eingegangen, CaseStatus.Nachforderung, null));
            // In Bearbeitung cannot go back to eingegangen.
            Assert.IsType<RefusedOutcome>(await CaseWork.ChangeStatusAsync(db, clerk, caseId, CaseStatus.InBearbeitung, CaseStatus.Eingegangen, null));
            Assert.IsType<RefusedOutcome>(await CaseWork.ChangeStatusAsync(db, clerk, caseId, CaseStatus.InBearbeitung, CaseStatus.Abgeschlossen, "  "));
            Assert.True((await CaseWork.ChangeStatusAsync(db, clerk, caseId, CaseStatus.InBearbeitung, CaseStatus.Entschieden, null)).IsDone);
            var closed = await CaseWork.ChangeStatusAsync(db, clerk, caseId, CaseStatus.Entschieden, CaseStatus.Abgeschlossen, "Bescheid bestandskräftig");
            Assert.True(closed.IsDone, closed.Message);
            Assert.Contains("Die Akte T-", closed.Message);
        }
        await using (var check = county.Db.Open(UnitScope.System))
        {
            var c = await check.Cases.Include(x => x.CaseFile).Include(x => x.StatusChanges).SingleAsync(x => x.Id == caseId);
            Assert.Equal(CaseStatus.Abgeschlossen, c.Status);
            Assert.NotNull(c.ClosedAt);
            Assert.NotNull(c.CaseFile!.ClosedAt);
            Assert.Equal("Bescheid bestandskräftig", c.StatusChanges.Single(s => s.Status == CaseStatus.Abgeschlossen).Reason);
            Assert.Equal([CaseStatus.InBearbeitung, CaseStatus.Entschieden, CaseStatus.Abgeschlossen], c.StatusChanges.OrderBy(s => s.Id).Select(s => s.Status));
        }
        await using (var db = county.Db.Open(UnitScope.Of([unit])))
        {
            Assert.IsType<RefusedOutcome>(await CaseWork.ChangeStatusAsync(db, clerk, caseId, CaseStatus.Abgeschlossen, CaseStatus.InBearbeitung, null));
            Assert.True((await CaseWork.ChangeStatusAsync(db, clerk, caseId, CaseStatus.Abgeschlossen, CaseStatus.InBearbeitung, "Widerspruch eingegangen")).IsDone);
        }
        await using (var check = county.Db.Open(UnitScope.System))
        {
            var c = await check.Cases.Include(x => x.CaseFile).SingleAsync(x => x.Id == caseId);
            Assert.Equal((CaseStatus.InBearbeitung, (DateTime?)null, (DateTime?)null, (DateTime?)null), (c.Status, c.ClosedAt, c.DecidedAt, c.CaseFile!.ClosedAt));
            Assert.True(await check.AuditEvents.AnyAsync(e => e.EntityType == nameof(CaseStatusChange) && e.Details!.Contains("Widerspruch eingegangen")));
        }
    }

    [Fact]
    public async Task A_file_stays_open_while_another_of_its_cases_is_open()
    {
        var (caseId, fileId, unit) = await NewCaseAsync(CaseStatus.Entschieden);
        await using (var db = county.Db.Open(UnitScope.System))
        {
            db.Cases.Add(new Case { Reference = $"{caseId}-zweiter", CaseFileId = fileId, UnitId = unit, Subject = "Zweiter", Status = CaseStatus.InBearbeitung,
                ReceivedAt = DateTime.UtcNow, StatusChangedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        await using (var db = county.Db.Open(UnitScope.Of([unit])))
        {
            var closed = await CaseWork.ChangeStatusAsync(db, null, caseId, CaseStatus.Entschieden, CaseStatus.Abgeschlossen, "erledigt");
            Assert.True(closed.IsDone);
            Assert.DoesNotContain("geschlossen", closed.Message);
        }
        await using var check = county.Db.Open(UnitScope.System);
        Assert.Null((await check.CaseFiles.SingleAsync(f => f.Id == fileId)).ClosedAt);
    }

    [Fact]
    public async Task Notes_keep_their_lines_and_are_refused_empty_or_too_long_and_other_units_see_none()
    {
        var (caseId, _, unit) = await NewCaseAsync();
        await using (var db = county.Db.Open(UnitScope.Of([unit])))
        {
            Assert.IsType<RefusedOutcome>(await CaseWork.AddNoteAsync(db, null, "Anna", caseId, " \n "));
            Assert.IsType<RefusedOutcome>(await CaseWork.AddNoteAsync(db, null, "Anna", caseId, new string('x', CaseNoteConfiguration.CaseNoteMaxLength + 1)));
            Assert.True((await CaseWork.AddNoteAsync(db, null, "Anna Schmidt", caseId, "Telefonat mit Frau Muster:\r\nUnterlagen kommen per Post.\u202E")).IsDone);
        }
        await using (var other = county.Db.Open(UnitScope.Of([await county.UnitIdAsync("50.2")])))
        {
            Assert.IsType<RefusedOutcome>(await CaseWork.AddNoteAsync(other, null, "Jonas", caseId, "fremd"));
            Assert.Empty(await other.CaseNotes.Where(n => n.CaseId == caseId).ToListAsync());
        }
        await using var check = county.Db.Open(UnitScope.Of([unit]));
        var note = await check.CaseNotes.SingleAsync(n => n.CaseId == caseId);
        Assert.Equal(("Telefonat mit Frau Muster:\nUnterlagen kommen per Post.", "Anna Schmidt"), (note.Text, note.AuthorName));
    }

    [Fact]
    public async Task A_case_resubmission_is_due_on_its_day_on_the_assignees_list_with_due_inbox_items()
    {
        var (caseId, _, unit) = await NewCaseAsync();
        var clerk = await county.UserIdAsync("clerk");
        var tomorrow = DateOnly.FromDateTime(Labels.Local(DateTime.UtcNow)).AddDays(1);
        await using (var db = county.Db.Open(UnitScope.Of([unit])))
        {
            Assert.True((await CaseWork.AssignAsync(db, caseId, clerk)).IsDone);
            Assert.IsType<RefusedOutcome>(await CaseWork.ResubmitAsync(db, caseId, tomorrow.AddDays(-1), null));
            var set = await CaseWork.ResubmitAsync(db, caseId, tomorrow, "Stellungnahme Bauamt");
            Assert.True(set.IsDone, set.Message);
        }
        string itemNumber = $"E-2026-8{Random.Shared.Next(1_000_000):D6}";
        await using (var db = county.Db.Open(UnitScope.System))
        {
            db.InboxItems.Add(new InboxItem { Number = itemNumber, Channel = Channel.Papier, ReceivedAt = DateTime.UtcNow.AddDays(-5), UnitId = unit, Subject = "Rückfrage",
                AssigneeId = clerk, State = InboxState.Zugewiesen, ResubmitAt = DateTime.UtcNow.AddHours(-1) });
            await db.SaveChangesAsync();
        }
        await using (var db = county.Db.Open(UnitScope.Of([unit])))
        {
            var (today, _) = await Resubmissions.DueAsync(db, [clerk], null, Resubmissions.EndOfToday());
            Assert.Contains(today, e => e.Reference == itemNumber && !e.IsCase);
            Assert.DoesNotContain(today, e => e.Href == $"vorgaenge/{caseId}");
            var (byTomorrow, total) = await Resubmissions.DueAsync(db, [clerk], null, LocalDays.End(tomorrow));
            var entry = Assert.Single(byTomorrow, e => e.Href == $"vorgaenge/{caseId}");
            Assert.Equal("Stellungnahme Bauamt", entry.Note);
            Assert.True(total >= 2);
            // From tomorrow on: the case, not the item due today.
            var (upcoming, _) = await Resubmissions.DueAsync(db, [clerk], Resubmissions.EndOfToday(), LocalDays.End(tomorrow));
            Assert.Contains(upcoming, e => e.Href == $"vorgaenge/{caseId}");
            Assert.DoesNotContain(upcoming, e => e.Reference == itemNumber);
        }
        // Not on anyone else's list, and not for another unit.
        await using (var other = county.Db.Open(UnitScope.Of([await county.UnitIdAsync("50.2")])))
            Assert.DoesNotContain((await Resubmissions.DueAsync(other, [clerk], null, LocalDays.End(tomorrow))).Entries, e => e.Href == $"vorgaenge/{caseId}");
        await using (var db = county.Db.Open(UnitScope.Of([unit])))
        {
            Assert.True((await CaseWork.ResubmitAsync(db, caseId, null, null)).IsDone);
            Assert.DoesNotContain((await Resubmissions.DueAsync(db, [clerk], null, LocalDays.End(tomorrow))).Entries, e => e.Href == $"vorgaenge/{caseId}");
        }
    }

    [Fact]
    public async Task A_new_deadline_needs_a_reason_and_ends_with_its_day()
    {
        var (caseId, _, unit) = await NewCaseAsync();
        var day = DateOnly.FromDateTime(Labels.Local(DateTime.UtcNow)).AddDays(60);
        await using (var db = county.Db.Open(UnitScope.Of([unit])))
        {
            Assert.IsType<RefusedOutcome>(await CaseWork.SetDeadlineAsync(db, caseId, day, ""));
            Assert.IsType<RefusedOutcome>(await CaseWork.SetDeadlineAsync(db, caseId, day.AddYears(-2), "zu früh"));
            Assert.IsType<RefusedOutcome>(await CaseWork.SetDeadlineAsync(db, caseId, day.AddDays(-61), "gestern"));
            // As far ahead as a Wiedervorlage may lie, not further (31.12.2999 was taken).
            Assert.Equal("Die neue Frist liegt mehr als 5 Jahre voraus. Bitte das Datum prüfen.", (await CaseWork.SetDeadlineAsync(db, caseId, new DateOnly(2999, 12, 31), "Tippfehler")).Message);
            Assert.Equal("Die Wiedervorlage liegt mehr als 5 Jahre voraus. Bitte das Datum prüfen.", (await CaseWork.ResubmitAsync(db, caseId, new DateOnly(2999, 12, 31), null)).Message);
            Assert.True((await CaseWork.SetDeadlineAsync(db, caseId, day, "Fristverlängerung nach § 42a VwVfG")).IsDone);
        }
        await using var check = county.Db.Open(UnitScope.System);
        var due = (await check.Cases.SingleAsync(c => c.Id == caseId)).DueAt!.Value;
        Assert.Equal(day, DateOnly.FromDateTime(Labels.Local(due)));
        Assert.Equal(LocalDays.End(day).AddSeconds(-1), due);
        Assert.True(await check.AuditEvents.AnyAsync(e => e.Action == "case-deadline" && e.EntityId == caseId.ToString() && e.Details!.Contains("42a")));
    }

    [Fact]
    public async Task The_service_and_municipality_of_a_case_can_be_set_and_its_deadline_follows_the_service_on_request()
    {
        var (caseId, _, unit) = await NewCaseAsync();
        int service, otherUnitsService, municipality;
        DateTime received, dueBefore;
        await using (var db = county.Db.Open(UnitScope.System))
        {
            var s = await db.Services.Where(x => x.UnitId == unit && x.DecisionDeadlineDays != null).OrderBy(x => x.Id).LastAsync();
            service = s.Id;
            otherUnitsService = await db.Services.Where(x => x.UnitId != unit).Select(x => x.Id).FirstAsync();
            municipality = await db.Municipalities.OrderBy(m => m.Id).Select(m => m.Id).LastAsync();
            var c = await db.Cases.SingleAsync(x => x.Id == caseId);
            (received, dueBefore) = (c.ReceivedAt, c.DueAt ?? DateTime.MinValue);
        }
        await using (var db = county.Db.Open(UnitScope.Of([unit])))
        {
            Assert.Equal("Diese Leistung gehört nicht zur Organisationseinheit des Vorgangs.", (await CaseWork.SetServiceAsync(db, caseId, otherUnitsService, null, false)).Message);
            var kept = await CaseWork.SetServiceAsync(db, caseId, service, municipality, recomputeDeadline: false);
            Assert.True(kept.IsDone, kept.Message);
            Assert.Equal(dueBefore, (await db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId)).DueAt ?? DateTime.MinValue);
            var recomputed = await CaseWork.SetServiceAsync(db, caseId, service, municipality, recomputeDeadline: true);
            Assert.Contains("Die Frist ist jetzt der", recomputed.Message);
        }
        await using var check = county.Db.Open(UnitScope.System);
        var @case = await check.Cases.Include(c => c.Service).SingleAsync(c => c.Id == caseId);
        Assert.Equal((service, municipality), (@case.ServiceId!.Value, @case.MunicipalityId!.Value));
        Assert.Equal(received.AddDays(@case.Service!.DecisionDeadlineDays!.Value), @case.DueAt!.Value, TimeSpan.FromSeconds(1));
        Assert.Equal(2, await check.AuditEvents.CountAsync(e => e.Action == "case-service" && e.EntityId == caseId.ToString()));
    }
}

using System.Security.Claims;
using BackOffice.Data;
using BackOffice.Features.Access;
using BackOffice.Features.Files;
using BackOffice.Features.Inbox;
using BackOffice.Infrastructure;
using BackOffice.Features.Intake;
using BackOffice.Tests.Support;
using Microsoft.AspNetCore.Components.Authorization;
using BackOffice.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace BackOffice.Tests.Inbox;

public class TriageRulesOnSqliteTests(SeededCounty county) : TriageRulesTests<SeededCounty>(county);

public class TriageRulesOnMariaDbTests(SeededMariaDbCounty county) : TriageRulesTests<SeededMariaDbCounty>(county);

/// <summary>Issue 9, defects 2, 6-10, 15, 16, 24, 25, 35: the rules of triage, uploads and replies, called without a browser on a seeded county.</summary>
public abstract class TriageRulesTests<TCounty>(TCounty county) : IClassFixture<TCounty> where TCounty : SeededCounty
{
    private sealed class SignedIn(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }

    private async Task<UserDb> UserDbAsync(string userName)
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, await county.UserIdAsync(userName)), new Claim(ClaimTypes.Name, userName)], "test"));
        return new UserDb(county.Db, new UnitScopes(county.Db, new MemoryCache(new MemoryCacheOptions())), new SignedIn(principal));
    }

    private async Task<Triage> TriageAsync(string userName) => new(await UserDbAsync(userName), new InboxEvents(), new InboxCounter());

    private async Task<InboxItem> AddItemAsync(string unitKey, string sender = "Kaiser, Karl", int? caseId = null, string? documentText = null)
    {
        await using var db = county.Db.Open(UnitScope.System);
        var unit = await db.OrgUnits.SingleAsync(u => u.Key == unitKey);
        var item = new InboxItem
        {
            Number = $"E-2026-9{Random.Shared.Next(1_000_000):D6}", Channel = Channel.Papier, ReceivedAt = DateTime.UtcNow, UnitId = unit.Id,
            RegisteredUnitId = unit.Id, Subject = "Schreiben", Sender = sender, CaseId = caseId,
        };
        if (documentText is not null)
            item.Documents.Add(new Document { UnitId = unit.Id, Title = "Brief", CreatedAt = DateTime.UtcNow, Text = documentText, CaseId = caseId });
        db.InboxItems.Add(item);
        await db.SaveChangesAsync();
        return item;
    }

    private async Task<Case> CaseOfAsync(string unitKey, Func<IQueryable<Case>, IQueryable<Case>>? where = null)
    {
        await using var db = county.Db.Open(UnitScope.System);
        var cases = db.Cases.Where(c => c.Unit!.Key == unitKey && c.Status < CaseStatus.Entschieden);
        return await (where?.Invoke(cases) ?? cases).OrderBy(c => c.Id).FirstAsync();
    }

    [Fact]
    public async Task Assigning_an_item_of_a_case_assigns_the_case_too()
    {
        var @case = await CaseOfAsync("50.1", q => q.Where(c => c.AssigneeId == null));
        var item = await AddItemAsync("50.1", caseId: @case.Id);
        var clerk = await county.UserIdAsync("clerk");
        var result = await (await TriageAsync("clerk")).AssignAsync(item.Id, item.Version, clerk);
        Assert.IsType<DoneOutcome>(result);
        await using var db = county.Db.Open(UnitScope.System);
        Assert.Equal(clerk, (await db.Cases.SingleAsync(c => c.Id == @case.Id)).AssigneeId);
        // and so the case is among "mine"
        Assert.Contains(@case.Id, await db.Cases.Where(c => c.AssigneeId == clerk).Select(c => c.Id).ToListAsync());
    }

    [Fact]
    public async Task Work_goes_only_to_switched_on_clerks_and_heads_of_its_unit_whatever_the_page_sent()
    {
        var unit = await county.UnitIdAsync("50.1");
        string switchedOff;
        await using (var db = county.Db.Open(UnitScope.System))
        {
            var gone = new AppUser { UserName = $"ausgeschieden{Random.Shared.Next(1_000_000)}", DisplayName = "Zora Ausgeschieden", Role = Roles.Clerk, Disabled = true };
            gone.Units.Add(new UserUnit { UserId = gone.Id, OrgUnitId = unit });
            db.Users.Add(gone);
            await db.SaveChangesAsync();
            switchedOff = gone.Id;
        }
        // The one list: 50.1's own clerks, none switched off, nobody of another unit, not the mail room.
        await using (var db = county.Db.Open(UnitScope.System))
        {
            var offered = (await Assignees.ByUnitAsync(db, [unit]))[unit].Select(p => p.Id).ToList();
            Assert.Contains(await county.UserIdAsync("clerk"), offered);
            Assert.Contains(await county.UserIdAsync("clerk3"), offered);
            foreach (var never in new[] { switchedOff, await county.UserIdAsync("clerk2"), await county.UserIdAsync("mailroom"), await county.UserIdAsync("controller") })
                Assert.DoesNotContain(never, offered);
        }

        var @case = await CaseOfAsync("50.1");
        var item = await AddItemAsync("50.1", caseId: @case.Id);
        var lone = await AddItemAsync("50.1");
        var triage = await TriageAsync("head");
        foreach (var (name, target) in new[] { ("clerk2", await county.UserIdAsync("clerk2")), ("switched off", switchedOff), ("mail room", await county.UserIdAsync("mailroom")), ("unknown", "gibt-es-nicht") })
        {
            var refused = await triage.AssignAsync(item.Id, item.Version, target);
            Assert.True(refused is RefusedOutcome, $"{name}: {refused.Message}");
            Assert.True(refused.Message.Contains("kann diese Arbeit nicht übernehmen") || refused.Message.Contains("Diese Person gibt es nicht"), refused.Message);
            Assert.IsType<RefusedOutcome>(await triage.AssignAsync(lone.Id, lone.Version, target));
            // A bulk action goes through the same check for each item.
            Outcome bulk;
            await using (var head = await (await UserDbAsync("head")).OpenAsync())
                bulk = await triage.ApplyToEachAsync(head, [(item.Id, item.Version), (lone.Id, lone.Version)], Triage.Assign(target), "zugewiesen");
            Assert.StartsWith("0 von 2 Eingängen zugewiesen.", bulk.Message);
            await using var db = county.Db.Open(UnitScope.System);
            Assert.NotEqual(target, (await db.InboxItems.SingleAsync(i => i.Id == item.Id)).AssigneeId);
            Assert.NotEqual(target, (await db.Cases.SingleAsync(c => c.Id == @case.Id)).AssigneeId);
            Assert.IsType<RefusedOutcome>(await CaseWork.AssignAsync(db, @case.Id, target));
        }
        var clerk3 = await county.UserIdAsync("clerk3");
        var done = await triage.AssignAsync(item.Id, item.Version, clerk3);
        Assert.True(done.IsDone, done.Message);
        Assert.Contains("Lena Fischer", done.Message); // the name comes from the account, not from the page
        await using (var db = county.Db.Open(UnitScope.System))
            Assert.Equal(clerk3, (await db.Cases.SingleAsync(c => c.Id == @case.Id)).AssigneeId);
    }

    [Fact]
    public async Task A_forward_note_longer_than_its_column_is_refused_in_german_and_nothing_moves()
    {
        var item = await AddItemAsync("50.1");
        var refused = await (await TriageAsync("clerk")).ForwardAsync(item.Id, item.Version, await county.UnitIdAsync("50.2"), new string('V', Triage.InboxNoteMaxLength + 1));
        Assert.Equal("Der Vermerk ist 1.001 Zeichen lang; höchstens 1.000 sind möglich.", refused.Message);
        await using var db = county.Db.Open(UnitScope.System);
        Assert.Equal(item.UnitId, (await db.InboxItems.SingleAsync(i => i.Id == item.Id)).UnitId);
    }

    [Fact]
    public async Task Forwarding_goes_only_to_a_unit_someone_works_in_and_the_forms_offer_only_those()
    {
        var item = await AddItemAsync("50.1");
        var triage = await TriageAsync("clerk");
        // Nobody holds Fachbereich Zentrale Dienste (10) itself: an item sent there would sit in no one's Posteingang.
        var nobody = await triage.ForwardAsync(item.Id, item.Version, await county.UnitIdAsync("10"), null);
        Assert.Equal($"In 10 Fachbereich Zentrale Dienste arbeitet niemand, der Eingänge bearbeitet: Dort fände {item.Number} niemand. Bitte eine andere Organisationseinheit wählen.", nobody.Message);
        Assert.Equal(Triage.ChooseForwardTarget, (await triage.ForwardAsync(item.Id, item.Version, 0, null)).Message);
        await using (var db = county.Db.Open(UnitScope.System))
            Assert.Equal(item.UnitId, (await db.InboxItems.SingleAsync(i => i.Id == item.Id)).UnitId);

        await using var clerk = await (await UserDbAsync("clerk")).OpenAsync();
        var offered = (await InboxChoices.LoadAsync(clerk)).Units.Select(u => u.Key).ToList();
        Assert.Contains("50.2", offered);
        Assert.Contains("10.1", offered); // the Poststelle reads its Posteingang
        Assert.Contains("51.1", offered); // the head of Fachbereich 51 reads it
        Assert.DoesNotContain("10", offered);
        // Fachbereich Jugend's only account switched off: its units drop out of the list, and forwarding there is refused.
        await using (var db = county.Db.Open(UnitScope.System))
            await db.Users.Where(u => u.UserName == "head2").ExecuteUpdateAsync(u => u.SetProperty(x => x.Disabled, true));
        try
        {
            Assert.DoesNotContain("51.1", (await InboxChoices.LoadAsync(clerk)).Units.Select(u => u.Key));
            Assert.IsType<RefusedOutcome>(await triage.ForwardAsync(item.Id, item.Version, await county.UnitIdAsync("51.1"), null));
        }
        finally
        {
            await using var db = county.Db.Open(UnitScope.System);
            await db.Users.Where(u => u.UserName == "head2").ExecuteUpdateAsync(u => u.SetProperty(x => x.Disabled, false));
        }
    }

    [Fact]
    public async Task Forwarding_never_moves_a_cases_documents_and_is_refused_for_an_item_of_a_case()
    {
        var @case = await CaseOfAsync("50.1");
        var item = await AddItemAsync("50.1", caseId: @case.Id, documentText: "Brief zum Vorgang");
        var ktp = await county.UnitIdAsync("50.2");
        var result = await (await TriageAsync("clerk")).ForwardAsync(item.Id, item.Version, ktp, "falsch hier");
        Assert.IsType<RefusedOutcome>(result);
        Assert.Contains("gehört bereits zu einem Vorgang", result.Message);
        await using var db = county.Db.Open(UnitScope.System);
        Assert.All(await db.Documents.Where(d => d.CaseId == @case.Id || d.InboxItemId == item.Id).ToListAsync(), d => Assert.Equal(@case.UnitId, d.UnitId));
    }

    [Fact]
    public async Task A_unit_can_search_exactly_what_it_can_open()
    {
        // An item forwarded to 50.2 while its document, of a 50.1 case, stays in 50.1: 50.2 must not find the document's words.
        var @case = await CaseOfAsync("50.1");
        await using (var db = county.Db.Open(UnitScope.System))
        {
            db.Documents.Add(new Document { CaseId = @case.Id, UnitId = @case.UnitId, Title = "Gutachten", CreatedAt = DateTime.UtcNow, Text = "Zyklotronverfahren Geheimbefund" });
            var ktp = await county.UnitIdAsync("50.2");
            db.InboxItems.Add(new InboxItem { Number = $"E-2026-8{Random.Shared.Next(1_000_000):D6}", Channel = Channel.Papier, ReceivedAt = DateTime.UtcNow, UnitId = ktp, Subject = "Anfrage", Sender = "Amt", CaseId = @case.Id });
            await db.SaveChangesAsync();
        }
        await using var clerk2 = await (await UserDbAsync("clerk2")).OpenAsync();
        Assert.Equal(0, (await InboxList.QueryAsync(clerk2, new InboxList.Filter { State = InboxList.StateFilter.All, Text = "Zyklotronverfahren" }, 0, 20)).Count);
        await using var clerk = await (await UserDbAsync("clerk")).OpenAsync();
        Assert.True((await InboxList.QueryAsync(clerk, new InboxList.Filter { State = InboxList.StateFilter.All, Text = "Zyklotronverfahren" }, 0, 20)).Count >= 1);
    }

    [Fact]
    public async Task Names_are_found_in_either_order_and_new_files_name_people_surname_first()
    {
        var egh = await county.UnitIdAsync("50.1");
        await using var db = await (await UserDbAsync("clerk")).OpenAsync();
        var file = await db.CaseFiles.Where(f => f.UnitId == egh && f.ApplicantName!.Contains(", ")).OrderBy(f => f.Id).FirstAsync();
        var parts = file.ApplicantName!.Split(", ");
        var hits = await FileSearch.FindAsync(db, egh, $"{parts[1]} {parts[0]}");
        Assert.Contains(hits, h => h.Reference == file.Reference);
        Assert.Equal("Kaiser, Karl", FileSearch.Reversed("Karl Kaiser"));
        Assert.Equal("Müller-Lüdenscheidt, Anna Maria", FileSearch.Reversed("Anna Maria Müller-Lüdenscheidt"));
        Assert.Null(FileSearch.Reversed("Kaiser, Karl"));

        var item = await AddItemAsync("50.1", sender: "Karl Zwiebelmann");
        var plan = await db.FilePlanEntries.SingleAsync(p => p.Code == "50.1");
        var service = await db.Services.SingleAsync(s => s.Key == "99107001002000");
        var municipality = await db.Municipalities.OrderBy(m => m.Id).FirstAsync();
        var triage = await TriageAsync("clerk");
        // Without the service no deadline would apply and the case would be missing from the figures: asked for.
        var noService = await triage.CreateCaseAsync(item.Id, item.Version, null, plan.Id, await county.UserIdAsync("clerk"));
        Assert.Equal("Bitte die Leistung wählen: Nach ihr richten sich die Frist und die Statistik des Vorgangs.", noService.Message);
        var otherUnits = await db.Services.Where(s => s.UnitId != egh).Select(s => s.Id).FirstAsync();
        Assert.StartsWith("Diese Leistung gehört nicht", (await triage.CreateCaseAsync(item.Id, item.Version, null, plan.Id, null, otherUnits)).Message);
        var result = await triage.CreateCaseAsync(item.Id, item.Version, null, plan.Id, await county.UserIdAsync("clerk"), service.Id, municipality.Id);
        Assert.IsType<DoneOutcome>(result);
        await using var check = county.Db.Open(UnitScope.System);
        var @case = (await check.InboxItems.Include(i => i.Case).SingleAsync(i => i.Id == item.Id)).Case!;
        Assert.Equal("Zwiebelmann, Karl", @case.ApplicantName);
        Assert.Equal((service.Id, municipality.Id), (@case.ServiceId, @case.MunicipalityId));
        Assert.Equal(item.ReceivedAt.AddDays(service.DecisionDeadlineDays!.Value), @case.DueAt!.Value, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Creating_a_case_for_an_item_that_has_one_says_which()
    {
        var @case = await CaseOfAsync("50.1");
        var item = await AddItemAsync("50.1", caseId: @case.Id);
        var result = await (await TriageAsync("clerk")).CreateCaseAsync(item.Id, item.Version, null, 1, null);
        Assert.IsType<RefusedOutcome>(result);
        Assert.Contains(@case.Reference, result.Message);
    }

    [Fact]
    public async Task Two_clerks_opening_files_under_one_entry_at_once_get_distinct_numbers()
    {
        var items = new List<InboxItem>();
        for (var i = 0; i < 6; i++) items.Add(await AddItemAsync("50.1", sender: $"Parallel, Person{i}"));
        int plan;
        await using (var db = county.Db.Open(UnitScope.System)) plan = await db.FilePlanEntries.Where(p => p.Code == "50.1").Select(p => p.Id).SingleAsync();
        var clerk = await county.UserIdAsync("clerk");
        int service;
        await using (var db = county.Db.Open(UnitScope.System)) service = await db.Services.Where(s => s.Key == "99107001001000").Select(s => s.Id).SingleAsync();
        var results = await Task.WhenAll(items.Select(async it => await (await TriageAsync(it.Id % 2 == 0 ? "clerk" : "head")).CreateCaseAsync(it.Id, it.Version, null, plan, clerk, service)));
        Assert.All(results, r => Assert.IsType<DoneOutcome>(r));
        await using var check = county.Db.Open(UnitScope.System);
        var ids = items.Select(i => i.Id).ToList();
        var references = await check.InboxItems.Where(i => ids.Contains(i.Id)).Select(i => i.Case!.CaseFile!.Reference).ToListAsync();
        Assert.Equal(6, references.Distinct().Count());
    }

    [Fact]
    public async Task A_decided_case_takes_its_letters_out_of_the_open_inbox()
    {
        // A portal case: the reply goes through the outbox.
        var submission = await CaseWithSubmissionAsync();
        var item = await AddItemAsync("50.1", caseId: submission.CaseId);
        await using var db = county.Db.Open(UnitScope.System);
        var letters = new LetterOut(county.Store, new InboxEvents());
        Assert.True((await letters.SendLetterAsync(db, submission.CaseId, LetterKind.Bescheid, "Bescheid", "Bewilligt.")).IsDone);
        await using var check = county.Db.Open(UnitScope.System);
        Assert.Equal(InboxState.Erledigt, (await check.InboxItems.SingleAsync(i => i.Id == item.Id)).State);
    }

    [Fact]
    public async Task A_refused_decision_file_stops_the_reply_and_nothing_is_sent_in_its_place()
    {
        var submission = await CaseWithSubmissionAsync();
        var refused = LetterOut.CheckOwnPdf("Bescheid groß.pdf", 25L * 1024 * 1024);
        Assert.NotNull(refused);
        Assert.Contains("höchstens 20 MB", refused);
        Assert.NotNull(LetterOut.CheckOwnPdf("bild.pdf", 100, "GIF89a"u8.ToArray()));
        await using var db = county.Db.Open(UnitScope.System);
        var letters = new LetterOut(county.Store, new InboxEvents());
        var error = await letters.SendLetterAsync(db, submission.CaseId, LetterKind.Bescheid, "Bescheid", "Text", refused);
        Assert.IsType<RefusedOutcome>(error);
        Assert.Equal(refused, error.Message);
        await using var check = county.Db.Open(UnitScope.System);
        Assert.False(await check.OutboxMessages.AnyAsync(m => m.CaseId == submission.CaseId));
        Assert.NotEqual(CaseStatus.Entschieden, (await check.Cases.SingleAsync(c => c.Id == submission.CaseId)).Status);
    }

    /// <summary>
    /// A 50.1 case with a submission row, as the portal import leaves it; of a service whose Bescheid goes without a
    /// Schlusszeichnung (the demo's cases change with the day it is made).
    /// </summary>
    private async Task<Submission> CaseWithSubmissionAsync()
    {
        await using var db = county.Db.Open(UnitScope.System);
        var free = await db.Cases.Where(c => c.Unit!.Key == "50.1" && c.Status < CaseStatus.Entschieden && (c.Service == null || !c.Service.RequiresCoSignature))
            .Where(c => !db.Submissions.Any(s => s.CaseId == c.Id)).OrderByDescending(c => c.Id).FirstAsync();
        var client = await db.PortalClients.FirstAsync();
        var item = await AddItemAsync("50.1", caseId: free.Id);
        var submission = new Submission
        {
            SubmissionId = Guid.NewGuid(), PortalClientId = client.Id, UnitId = free.UnitId, ContentHash = new string('0', 64), CaseId = free.Id,
            InboxItemId = item.Id, InboxNumber = item.Number, ReceivedAt = DateTime.UtcNow, ServiceKey = "x", MetadataJson = "{}",
        };
        db.Submissions.Add(submission);
        await db.SaveChangesAsync();
        return submission;
    }

    [Fact]
    public async Task Uploads_say_paper_or_upload_and_when_they_arrived_and_name_the_limit_they_hit()
    {
        var upload = new RegisterUpload(await UserDbAsync("clerk"), county.Store, new InboxEvents());
        var egh = await county.UnitIdAsync("50.1");
        var pdf = BackOffice.Infrastructure.SimplePdf.Create("Brief", ["Text"]);
        var yesterday = DateOnly.FromDateTime(Labels.Local(DateTime.UtcNow)).AddDays(-3);
        // A name that shows another name than it has is refused, not silently changed.
        var (none, bidi) = await upload.RegisterAsync(egh, "Brief", "Kaiser, Karl", [new("brief\u202Efdp.exe", pdf)], null, new RegisterUpload.Arrival(Channel.Papier, yesterday));
        Assert.Null(none);
        Assert.Contains("„brief<U+202E>fdp.exe“ enthält unsichtbare Steuer- oder Richtungszeichen", bidi);
        var (number, error) = await upload.RegisterAsync(egh, "Brief", "Kaiser, Karl", [new("brief.pdf", pdf)], null, new RegisterUpload.Arrival(Channel.Papier, yesterday));
        Assert.Null(error);
        await using var db = county.Db.Open(UnitScope.System);
        var item = await db.InboxItems.Include(i => i.Documents).ThenInclude(d => d.Versions).SingleAsync(i => i.Number == number);
        Assert.Equal(Channel.Papier, item.Channel);
        Assert.Equal(yesterday, DateOnly.FromDateTime(Labels.Local(item.ReceivedAt)));
        Assert.Equal(egh, item.RegisteredUnitId);
        Assert.Equal("brief.pdf", item.Documents.Single().Versions.Single().FileName);

        var (_, tooLong) = await upload.RegisterAsync(egh, new string('B', 20_000), "", [new("a.pdf", pdf)], null);
        Assert.Contains("höchstens 300", tooLong);
        var (_, future) = await upload.RegisterAsync(egh, "Brief", "", [new("a.pdf", pdf)], null, new RegisterUpload.Arrival(Channel.Papier, yesterday.AddDays(10)));
        Assert.Contains("Zukunft", future);
    }

    [Fact]
    public async Task The_mail_rooms_journal_lists_what_it_registered_after_forwarding()
    {
        var item = await AddItemAsync("10.1", sender: "Weiterleitung, Test");
        var egh = await county.UnitIdAsync("50.1");
        Assert.IsType<DoneOutcome>(await (await TriageAsync("mailroom")).ForwardAsync(item.Id, item.Version, egh, null));
        await using var db = await (await UserDbAsync("mailroom")).OpenAsync();
        Assert.False(await db.InboxItems.AnyAsync(i => i.Id == item.Id)); // gone from its Posteingang
        var journal = await Journal.QueryAsync(db, new(), 500);
        var row = Assert.Single(journal.Rows, r => r.Number == item.Number);
        Assert.True(row.Forwarded);
        Assert.Contains("Eingliederungshilfe", row.NowAt);
        await using var clerk2 = await (await UserDbAsync("clerk2")).OpenAsync();
        Assert.DoesNotContain((await Journal.QueryAsync(clerk2, new(), 500)).Rows, r => r.Number == item.Number);
        // Found by its number's beginning, a word of its sender, a received range; not by a word it does not have.
        var today = DateOnly.FromDateTime(Labels.Local(item.ReceivedAt));
        foreach (var filter in new Journal.Filter[] { new(item.Number[..10]), new("weiterleitung"), new("Test", today, today) })
            Assert.Contains((await Journal.QueryAsync(db, filter, 500)).Rows, r => r.Number == item.Number);
        foreach (var filter in new Journal.Filter[] { new("Zebrastreifen"), new(null, today.AddDays(1)), new(null, null, today.AddDays(-1)) })
            Assert.DoesNotContain((await Journal.QueryAsync(db, filter, 500)).Rows, r => r.Number == item.Number);
        var address = new Journal.Filter("Müller & Söhne", today, today, 3);
        Assert.Equal(address, Journal.Filter.Parse("http://localhost/" + address.ToUri()));
    }

    [Fact]
    public void Day_ranges_are_whole_local_days_also_when_the_clocks_change()
    {
        var (from, to) = BackOffice.Infrastructure.LocalDays.Range(new DateTime(2026, 10, 25), new DateTime(2026, 10, 25));
        Assert.Equal(TimeSpan.FromHours(25), to - from); // the autumn change: 25 hours
        (from, to) = BackOffice.Infrastructure.LocalDays.Range(new DateTime(2026, 3, 29), new DateTime(2026, 3, 29));
        Assert.Equal(TimeSpan.FromHours(23), to - from);
        Assert.Equal(new DateTime(2026, 3, 28, 23, 0, 0), from);
        // The calendar's last day bounds nothing rather than overflowing (31.12.9999 in an address ended in an error).
        Assert.Null(BackOffice.Infrastructure.LocalDays.Range(null, new DateTime(9999, 12, 31)).To);
        Assert.NotNull(BackOffice.Infrastructure.LocalDays.Range(new DateTime(9999, 12, 31), null).From);
    }

    [Fact]
    public void Portal_form_fields_read_as_the_form_means_them()
    {
        var data = System.Text.Json.JsonDocument.Parse("""{"kindVorname":"Lea","geburtsdatumKind":"2015-02-14","anzahlKinder":2,"einkommenMonatlich":1234,"schulbegleitung":true,"nameMutter":"X"}""").RootElement;
        var fields = FormFields.Readable(data).ToDictionary(f => f.Label, f => f.Value);
        Assert.Equal("Lea", fields["Vorname des Kindes"]);
        Assert.Equal("14.02.2015", fields["Geburtsdatum des Kindes"]);
        Assert.Equal("2", fields["Anzahl der Kinder"]);
        Assert.Equal("1.234", fields["Monatliches Einkommen (€)"]);
        Assert.Equal("ja", fields["Schulbegleitung"]);
        Assert.Equal("X", fields["Name der Mutter"]);
    }
}

using BackOffice.Features.Files;
using System.Net;
using BackOffice.Data;
using BackOffice.Features.Intake;
using BackOffice.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BackOffice.Tests.Support.PortalRequests;

namespace BackOffice.Tests.Access;

/// <summary>
/// Every route that answers with a record of a unit (page, document, preview, download, API): asked by someone who does
/// not work for that unit, it answers 404 (or, for a role the page is not meant for, sends it to "Kein Zugriff"), and
/// never shows the record. The table must name every route with a parameter: a new one fails this test until it has an entry.
/// </summary>
public class RouteScopingTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string OtherPortalKey = "other-portal-key-for-tests";

    /// <summary>Routes with parameters that carry no unit data.</summary>
    private static readonly HashSet<string> NoUnitData = ["/_blazor/{**rest}", "/{**path}"];

    private sealed record Probe(string Pattern, Func<Task<IReadOnlyList<(string Who, HttpResponseMessage Response, string Secret)>>> AskOutsiders,
        Func<Task<HttpResponseMessage>> AskInsider);

    private async Task<List<Probe>> ProbesAsync()
    {
        await using var db = app.Data.Open(UnitScope.System);
        var version = await db.DocumentVersions.Where(v => v.Document!.Case!.Unit!.Key == "50.1")
            .Select(v => new { v.Id, v.FileName }).FirstAsync();
        var @case = await db.Cases.Where(c => c.Unit!.Key == "50.1").Select(c => new { c.Id, c.Reference, c.ApplicantName, c.CaseFileId }).FirstAsync();
        var item = await db.InboxItems.Where(i => i.Unit!.Key == "50.1" && i.CaseId == null).Select(i => new { i.Number, i.Sender }).FirstAsync();
        var (submissionId, caseId, messageId) = await PortalCaseWithDecisionAsync();
        // A file due for Aussonderung: its package for the administration only.
        var dueFile = await db.CaseFiles.Where(f => f.RetainUntil != null && f.RetainUntil <= DateTime.UtcNow).Select(f => f.Id).FirstAsync();
        async Task<IReadOnlyList<(string, HttpResponseMessage, string)>> AsAllButAdmin(string url, string secret)
        {
            var list = new List<(string, HttpResponseMessage, string)>();
            foreach (var who in (string[])["clerk", "clerk2", "head", "mailroom", "controller"]) list.Add((who, await (await app.SignedInAsync(who)).GetAsync(url), secret));
            return list;
        }
        // A letter preview of the clerk's: for the clerk only.
        var clerkId = await db.Users.Where(u => u.UserName == "clerk").Select(u => u.Id).SingleAsync();
        var resultId = await ScheduledResultAsync(db);
        var exportId = await FinishedExportAsync(db);
        var preview = app.Services.GetRequiredService<LetterPreviews>().Put(clerkId, BackOffice.Infrastructure.SimplePdf.Create("Vorschau", [@case.ApplicantName]));

        var scan = await ScanWaitingAsync(db);
        var (coSignDraft, coSignReference) = await SubmittedBescheidAsync(db);

        string[] people = ["clerk2", "mailroom", "controller", "admin"];
        async Task<IReadOnlyList<(string, HttpResponseMessage, string)>> AsEach(string url, string secret)
        {
            var list = new List<(string, HttpResponseMessage, string)>();
            foreach (var who in people) list.Add((who, await (await app.SignedInAsync(who)).GetAsync(url), secret));
            return list;
        }
        async Task<IReadOnlyList<(string, HttpResponseMessage, string)>> AsOthers(string url, string secret, params string[] people)
        {
            var list = new List<(string, HttpResponseMessage, string)>();
            foreach (var who in people.Length > 0 ? people : ["head2", "clerk", "controller", "admin"]) list.Add((who, await (await app.SignedInAsync(who)).GetAsync(url), secret));
            return list;
        }
        async Task<IReadOnlyList<(string, HttpResponseMessage, string)>> AsOtherPortal(HttpMethod method, string url) =>
            [("other portal", await app.Client().WithKey(OtherPortalKey).SendAsync(new HttpRequestMessage(method, url)), submissionId.ToString())];
        async Task<HttpResponseMessage> AsClerk(string url) => await (await app.SignedInAsync("clerk")).GetAsync(url);
        Task<HttpResponseMessage> AsDemoPortal(HttpMethod method, string url) => app.Client().WithKey(DemoKey).SendAsync(new HttpRequestMessage(method, url));

        return
        [
            new("/dokumente/{versionId:int}", () => AsEach($"/dokumente/{version.Id}", "%PDF"), () => AsClerk($"/dokumente/{version.Id}")),
            new("/dokumente/{versionId:int}/ansicht", () => AsEach($"/dokumente/{version.Id}/ansicht", "%PDF"), () => AsClerk($"/dokumente/{version.Id}/ansicht")),
            new("/dokumente/{versionId:int}/download", () => AsEach($"/dokumente/{version.Id}/download", "%PDF"), () => AsClerk($"/dokumente/{version.Id}/download")),
            new("/verwaltung/aussonderung/{id:int}/paket", () => AsAllButAdmin($"/verwaltung/aussonderung/{dueFile}/paket", "akte.xml"),
                async () => await (await app.SignedInAsync("admin")).GetAsync($"/verwaltung/aussonderung/{dueFile}/paket")),
            // A scan waiting for the mail room's check: for the mail room only.
            new("/scanstelle/dokumente/{id:int}/ansicht", () => AsOthers($"/scanstelle/dokumente/{scan}/ansicht", "%PDF", "clerk", "head", "controller", "admin"),
                async () => await (await app.SignedInAsync("mailroom")).GetAsync($"/scanstelle/dokumente/{scan}/ansicht")),
            new("/scanstelle/dokumente/{id:int}/seiten/{page:int}", () => AsOthers($"/scanstelle/dokumente/{scan}/seiten/1", "PNG", "clerk", "head", "controller", "admin"),
                async () => await (await app.SignedInAsync("mailroom")).GetAsync($"/scanstelle/dokumente/{scan}/seiten/1")),
            // Separator sheets: for the mail room only.
            new("/scanstelle/trennblaetter.pdf", () => AsOthers("/scanstelle/trennblaetter.pdf?ziel=alle", "%PDF", "clerk", "head", "controller", "admin"),
                async () => await (await app.SignedInAsync("mailroom")).GetAsync("/scanstelle/trennblaetter.pdf?ziel=alle")),
            // A Bescheid waiting for the Schlusszeichnung in 50.1: for its head and co-signer; its writer and the rest get 404.
            new("/schlusszeichnung/{DraftId:int}", () => AsOthers($"/schlusszeichnung/{coSignDraft}", coSignReference, "head2", "clerk", "clerk2", "controller", "admin"),
                async () => await (await app.SignedInAsync("head")).GetAsync($"/schlusszeichnung/{coSignDraft}")),
            new("/briefe/vorschau/{token}", () => AsEach($"/briefe/vorschau/{preview}", "%PDF"), () => AsClerk($"/briefe/vorschau/{preview}")),
            new("/vorgaenge/{Id:int}", () => AsEach($"/vorgaenge/{@case.Id}", @case.ApplicantName), () => AsClerk($"/vorgaenge/{@case.Id}")),
            new("/akten/{Id:int}", () => AsEach($"/akten/{@case.CaseFileId}", @case.ApplicantName), () => AsClerk($"/akten/{@case.CaseFileId}")),
            // The dashboard of a Fachdienst and the cases behind its numbers: the head of another Fachbereich gets 404.
            new("/dashboards?einheit={unit}", () => AsOthers("/dashboards?einheit=50.1", "Fachbereich Soziales › Eingliederungshilfe"),
                async () => await (await app.SignedInAsync("head")).GetAsync("/dashboards?einheit=50.1")),
            new("/dashboards/vorgaenge?einheit={unit}&zahl={figure}", () => AsOthers("/dashboards/vorgaenge?einheit=50.1&zahl=offen", "Offene Vorgänge"),
                async () => await (await app.SignedInAsync("head")).GetAsync("/dashboards/vorgaenge?einheit=50.1&zahl=offen")),
            // A statistics export narrowed to a unit: the head of another Fachbereich gets 404, roles without statistics none.
            new("/statistiken/{id}/export", () => AsOthers("/statistiken/vorgaenge-je-leistung-und-monat/export?format=csv&von=2026-08-01&bis=2026-11-20&einheit=50.1", "Eingliederungshilfe", "head2", "clerk", "mailroom", "admin"),
                async () => await (await app.SignedInAsync("controller")).GetAsync("/statistiken/vorgaenge-je-leistung-und-monat/export?format=csv&von=2026-08-01&bis=2026-11-20&einheit=50.1")),
            // A scheduled report's result: its owner only.
            new("/statistiken/ergebnisse/{id:int}", () => AsOthers($"/statistiken/ergebnisse/{resultId}", "PK", "head", "head2", "clerk", "admin"),
                async () => await (await app.SignedInAsync("controller")).GetAsync($"/statistiken/ergebnisse/{resultId}")),
            // An export started on the page: its owner only.
            new("/statistiken/exporte/{id:guid}", () => AsOthers($"/statistiken/exporte/{exportId}", "PK", "head", "head2", "clerk", "admin"),
                async () => await (await app.SignedInAsync("controller")).GetAsync($"/statistiken/exporte/{exportId}")),
            new("/posteingang?eingang={number}", () => AsEach($"/posteingang?eingang={item.Number}", item.Sender), () => AsClerk($"/posteingang?eingang={item.Number}")),
            new("/api/v1/submissions/{submissionId:guid}", () => AsOtherPortal(HttpMethod.Get, $"/api/v1/submissions/{submissionId}"),
                () => AsDemoPortal(HttpMethod.Get, $"/api/v1/submissions/{submissionId}")),
            new("/api/v1/cases/{caseId:int}/events", () => AsOtherPortal(HttpMethod.Get, $"/api/v1/cases/{caseId}/events"),
                () => AsDemoPortal(HttpMethod.Get, $"/api/v1/cases/{caseId}/events")),
            new("/api/v1/outbox/{messageId:long}/document", () => AsOtherPortal(HttpMethod.Get, $"/api/v1/outbox/{messageId}/document"),
                () => AsDemoPortal(HttpMethod.Get, $"/api/v1/outbox/{messageId}/document")),
            new("/api/v1/outbox/{messageId:long}/ack", () => AsOtherPortal(HttpMethod.Post, $"/api/v1/outbox/{messageId}/ack"),
                () => AsDemoPortal(HttpMethod.Post, $"/api/v1/outbox/{messageId}/ack")),
        ];
    }

    /// <summary>A portal application of unit 50.1 with a Bescheid in the outbox, and a second portal client granted only 32.2.</summary>
    /// <summary>A Bescheid of 50.1's Schulbegleitung that the clerk submitted for the Schlusszeichnung.</summary>
    private static async Task<(int DraftId, string Reference)> SubmittedBescheidAsync(BackOfficeDb db)
    {
        var existing = await db.LetterDrafts.Where(d => d.State == LetterDraftState.Submitted && d.Case!.Unit!.Key == "50.1")
            .Select(d => new { d.Id, d.Case!.Reference }).FirstOrDefaultAsync();
        if (existing is not null) return (existing.Id, existing.Reference);
        var open = await db.Cases.Where(c => c.Unit!.Key == "50.1" && c.Service!.RequiresCoSignature && c.Channel != Channel.Portal && !db.Letters.Any(l => l.CaseId == c.Id))
            .OrderBy(c => c.Id).FirstAsync();
        (open.Status, open.ClosedAt) = (CaseStatus.InBearbeitung, null); // a small county has few open cases
        await db.SaveChangesAsync();
        var @case = new { open.Id, open.Reference };
        var clerk = await db.Users.Where(u => u.UserName == "clerk").Select(u => u.Id).SingleAsync();
        var outcome = await LetterDrafts.SubmitAsync(db, @case.Id, new LetterOut.Writer(clerk, "Anna Becker"), new LetterOut.Draft(LetterKind.Bescheid, "Bescheid", "Bewilligt."));
        Assert.True(outcome.IsDone, outcome.Message);
        return ((await LetterDrafts.FindAsync(db, @case.Id, clerk))!.Id, @case.Reference);
    }

    /// <summary>A result of a report the controller scheduled (run at once: its day has come).</summary>
    private async Task<int> ScheduledResultAsync(BackOfficeDb db)
    {
        var controller = await db.Users.Where(u => u.UserName == "controller").Select(u => u.Id).SingleAsync();
        var schedules = app.Services.GetRequiredService<BackOffice.Features.Reports.ReportSchedules>();
        if (!await db.ReportResults.AnyAsync(r => r.Schedule!.UserId == controller && r.StoredName != null))
        {
            Assert.True((await schedules.CreateAsync(controller, "eingaenge-je-gemeinde", 1, null, null, null)).IsDone);
            await schedules.RunDueAsync(DateTime.UtcNow);
        }
        return await db.ReportResults.Where(r => r.Schedule!.UserId == controller && r.StoredName != null).Select(r => r.Id).FirstAsync();
    }

    /// <summary>An export the controller started and that has finished.</summary>
    private async Task<Guid> FinishedExportAsync(BackOfficeDb db)
    {
        var controller = await db.Users.Where(u => u.UserName == "controller").Select(u => u.Id).SingleAsync();
        var catalog = app.Services.GetRequiredService<BackOffice.Features.Reports.ReportCatalog>();
        var report = catalog.Find("eingaenge-je-gemeinde")!;
        var request = new BackOffice.Features.Reports.ReportRequest(new DateOnly(2026, 8, 1), new DateOnly(2026, 11, 20), null, null);
        var job = app.Services.GetRequiredService<BackOffice.Features.Reports.ExportJobs>().Start(controller, report, request,
            await db.OrgUnits.Select(u => u.Id).ToListAsync(), new("Test", "", "", "", "", "controller", DateTime.Now, "controller"), csv: false, expected: null);
        for (var i = 0; i < 200 && job.State == BackOffice.Features.Reports.ExportJobs.JobState.Running; i++) await Task.Delay(50);
        Assert.Equal(BackOffice.Features.Reports.ExportJobs.JobState.Done, job.State);
        return job.Id;
    }

    private async Task<(Guid SubmissionId, int CaseId, long MessageId)> PortalCaseWithDecisionAsync()
    {
        var id = Guid.NewGuid();
        var receipt = await (await app.Client().WithKey(DemoKey).SubmitAsync(id, Pdf())).JsonAsync();
        var caseId = receipt.GetProperty("caseId").GetInt32();
        await using var db = app.Data.Open(UnitScope.System);
        var letters = app.Services.GetRequiredService<LetterOut>();
        Assert.True((await letters.SendLetterAsync(db, caseId, LetterKind.Bescheid, "Bescheid", "Bewilligt.")).IsDone);
        var messageId = await db.OutboxMessages.Where(m => m.CaseId == caseId).Select(m => m.Id).SingleAsync();
        if (!await db.PortalClients.AnyAsync(c => c.Name == "Anderes Portal"))
        {
            var ordnung = await db.OrgUnits.SingleAsync(u => u.Key == "32.2");
            db.PortalClients.Add(PortalKeys.NewClient("Anderes Portal", [ordnung.Id], OtherPortalKey).Client);
            await db.SaveChangesAsync();
        }
        return (id, caseId, messageId);
    }

    [Fact]
    public async Task Every_route_with_unit_data_answers_404_to_those_without_the_unit()
    {
        var probes = await ProbesAsync();
        foreach (var probe in probes)
        {
            var insider = await probe.AskInsider();
            Assert.True(insider.IsSuccessStatusCode, $"{probe.Pattern}: the unit's own user gets {(int)insider.StatusCode}");
            foreach (var (who, response, secret) in await probe.AskOutsiders())
            {
                var body = await response.Content.ReadAsStringAsync();
                var sentAway = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath == "/kein-zugriff";
                Assert.True(response.StatusCode == HttpStatusCode.NotFound || sentAway, $"{probe.Pattern} as {who}: {(int)response.StatusCode}");
                Assert.DoesNotContain(secret, body);
            }
        }
    }

    [Fact]
    public async Task Every_route_with_a_parameter_has_an_entry_in_the_table()
    {
        var known = (await ProbesAsync()).Select(p => p.Pattern).ToHashSet();
        var routes = app.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).Where(p => p.Contains('{')).Distinct().ToList();
        Assert.NotEmpty(routes);
        var missing = routes.Where(r => !known.Contains(r) && !NoUnitData.Contains(r)).ToList();
        Assert.True(missing.Count == 0, "Routes without a scoping probe: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task The_journal_csv_holds_what_the_users_units_registered_filtered_as_on_its_page()
    {
        await using var db = app.Data.Open(UnitScope.System);
        var mailRoom = await db.OrgUnits.Where(u => u.Key == "10.1").Select(u => u.Id).SingleAsync();
        var item = await db.InboxItems.Where(i => i.RegisteredUnitId == mailRoom && i.UnitId != mailRoom).OrderByDescending(i => i.Id)
            .Select(i => new { i.Number, i.Sender, i.ReceivedAt }).FirstAsync();
        var day = Labels.Local(item.ReceivedAt).ToString("yyyy-MM-dd");
        var url = $"/posteingang/journal.csv?suche={Uri.EscapeDataString(item.Number)}&von={day}&bis={day}";
        var response = await (await app.SignedInAsync("mailroom")).GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csv = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Concat([]).SelectMany(l => l.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal("Eingangsnummer;Eingang;Kanal;Betreff;Absender;Jetzt bei;Status", lines[0]);
        Assert.Equal(2, lines.Count);
        Assert.StartsWith(item.Number + ";", lines[1]);
        // Another unit's clerk gets nothing of it; a role without a Posteingang gets 404.
        var other = await (await (await app.SignedInAsync("clerk2")).GetAsync(url)).Content.ReadAsStringAsync();
        Assert.DoesNotContain(item.Number, other);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInAsync("controller")).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInAsync("admin")).GetAsync(url)).StatusCode);
        // The calendar's last day as "bis" lists everything to the end, whole (it cut the download off with an error).
        var last = await (await app.SignedInAsync("mailroom")).GetAsync($"/posteingang/journal.csv?suche={Uri.EscapeDataString(item.Number)}&bis=9999-12-31");
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        Assert.Contains(item.Number, await last.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_denied_read_is_logged()
    {
        await using var db = app.Data.Open(UnitScope.System);
        var version = await db.DocumentVersions.Where(v => v.Document!.Case!.Unit!.Key == "50.1").Select(v => v.Id).FirstAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInAsync("controller")).GetAsync($"/dokumente/{version}")).StatusCode);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "read-denied" && e.Actor == "controller" && e.EntityId == version.ToString()));
        Assert.False(await db.AuditEvents.AnyAsync(e => e.Action == "read" && e.Actor == "controller"));
    }

    /// <summary>A scanned document read and waiting for the mail room's check.</summary>
    private async Task<int> ScanWaitingAsync(BackOfficeDb db)
    {
        var sha = await app.Services.GetRequiredService<BackOffice.Features.Documents.DocumentStore>().PutAsync(BackOffice.Infrastructure.SimplePdf.Create("Scan", ["Brief"]));
        var batch = new ScanBatch { Scanner = "scanner-1", FileName = "brief.pdf", OriginalName = "x-brief.pdf", Sha256 = sha, Step = ScanStep.ToCheck, TakenAt = DateTime.UtcNow, CapturedAt = DateTime.UtcNow };
        batch.Documents.Add(new ScanDocument { FirstPage = 1, PageCount = 1, PdfSha256 = sha, Text = "Brief" });
        db.ScanBatches.Add(batch);
        await db.SaveChangesAsync();
        return batch.Documents[0].Id;
    }
}

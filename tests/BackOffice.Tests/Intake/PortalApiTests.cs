using BackOffice.Features.Files;
using BackOffice.Features.Documents;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using BackOffice.Data;
using BackOffice.Features.Intake;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BackOffice.Tests.Support.PortalRequests;

namespace BackOffice.Tests.Intake;

/// <summary>The portal import API through the real HTTP pipeline on a real SQLite file.</summary>
public class PortalApiTestsOnSqlite(AppFactory app) : PortalApiTests<AppFactory>(app);

public class PortalApiTestsOnMariaDb(MariaDbAppFactory app) : PortalApiTests<MariaDbAppFactory>(app);

public abstract class PortalApiTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFactory
{
    private HttpClient Portal() => app.Client().WithKey(DemoKey);

    private async Task<int> CountAsync<T>(Func<BackOfficeDb, IQueryable<T>> set)
    {
        await using var db = app.Data.Open(UnitScope.System);
        return await set(db).CountAsync();
    }

    [Fact]
    public async Task An_accepted_submission_becomes_file_case_inbox_item_documents_and_audit_events()
    {
        var id = Guid.NewGuid();
        var form = Pdf("antrag");
        var report = Pdf("gutachten", "Gutachten") with { Purpose = "report", FileName = "gutachten.pdf" };
        var response = await Portal().SubmitAsync(id, form, report);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.JsonAsync();
        Assert.Equal(id.ToString(), receipt.GetProperty("submissionId").GetString());
        Assert.Equal("accepted", receipt.GetProperty("status").GetString());
        Assert.StartsWith("E-", receipt.GetProperty("inboxNumber").GetString());
        Assert.Equal($"/api/v1/submissions/{id}", response.Headers.Location!.ToString());

        var caseId = receipt.GetProperty("caseId").GetInt32();
        await using var db = app.Data.Open(UnitScope.System);
        var c = await db.Cases.Include(x => x.Unit).Include(x => x.CaseFile).Include(x => x.Documents).ThenInclude(d => d.Versions).SingleAsync(x => x.Id == caseId);
        Assert.Equal("50.1", c.Unit!.Key);
        Assert.Equal(Channel.Portal, c.Channel);
        Assert.Equal(CaseStatus.Eingegangen, c.Status);
        Assert.StartsWith("50.1-", c.CaseFile!.Reference);
        Assert.Equal(c.ReceivedAt.AddDays(21), c.DueAt);
        Assert.Equal(["Antragsformular", "Gutachten: gutachten.pdf"], c.Documents.Select(d => d.Title).Order());
        var store = new DocumentStore(Microsoft.Extensions.Options.Options.Create(app.Data.Options));
        Assert.All(c.Documents.SelectMany(d => d.Versions), v => Assert.True(store.Exists(v.Sha256)));
        var item = await db.InboxItems.SingleAsync(i => i.CaseId == caseId);
        Assert.Equal((Channel.Portal, InboxState.Neu, receipt.GetProperty("inboxNumber").GetString()), (item.Channel, item.State, item.Number));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.EntityType == "Case" && e.EntityId == caseId.ToString() && e.Action == "created" && e.Actor == "portal:demo-portal"));
        Assert.Null(await AuditChain.FindFirstBreakAsync(db));
    }

    [Fact]
    public async Task A_second_case_of_the_same_applicant_goes_into_their_open_file()
    {
        var applicant = $"Yılmaz, Elif {Guid.NewGuid():N}"; // nobody the demo county already has a file for
        var first = await (await Portal().PostAsync("/api/v1/submissions", Content(Metadata(Guid.NewGuid(), [Pdf()], applicant: applicant), [Pdf()]))).JsonAsync();
        var second = await (await Portal().PostAsync("/api/v1/submissions", Content(Metadata(Guid.NewGuid(), [Pdf()], applicant: applicant), [Pdf()]))).JsonAsync();
        await using var db = app.Data.Open(UnitScope.System);
        var cases = await db.Cases.Where(c => c.Id == first.GetProperty("caseId").GetInt32() || c.Id == second.GetProperty("caseId").GetInt32())
            .OrderBy(c => c.Id).Select(c => new { c.CaseFileId, c.Reference }).ToListAsync();
        Assert.Equal(cases[0].CaseFileId, cases[1].CaseFileId);
        Assert.EndsWith("/1", cases[0].Reference);
        Assert.EndsWith("/2", cases[1].Reference);
    }

    [Fact]
    public async Task Two_applicants_of_one_name_born_on_different_days_get_a_file_each_with_birth_date_and_address()
    {
        var applicant = $"Müller, Anna {Guid.NewGuid():N}";
        async Task<int> SubmitAsync(string born) => (await (await Portal().PostAsync("/api/v1/submissions",
            Content(Metadata(Guid.NewGuid(), [Pdf()], applicant: applicant, birthDate: born), [Pdf()]))).JsonAsync()).GetProperty("caseId").GetInt32();
        var (a, b, again) = (await SubmitAsync("1981-04-03"), await SubmitAsync("1994-12-24"), await SubmitAsync("1981-04-03"));
        await using var db = app.Data.Open(UnitScope.System);
        var files = await db.Cases.Where(c => c.Id == a || c.Id == b || c.Id == again).OrderBy(c => c.Id)
            .Select(c => new { c.CaseFileId, c.CaseFile!.ApplicantBirthDate, c.CaseFile.ApplicantAddress }).ToListAsync();
        Assert.NotEqual(files[0].CaseFileId, files[1].CaseFileId);
        Assert.Equal(files[0].CaseFileId, files[2].CaseFileId);
        Assert.Equal([new DateOnly(1981, 4, 3), new DateOnly(1994, 12, 24)], files.Take(2).Select(f => f.ApplicantBirthDate!.Value));
        Assert.Equal("Lindenweg 4, 24999 Bad Erlenbach", files[0].ApplicantAddress);
        // The portal's form is an Antrag on the file view's filter.
        Assert.Equal(DocumentType.Antrag, await db.Documents.Where(d => d.CaseId == a).Select(d => d.Type).SingleAsync());
    }

    [Fact]
    public async Task A_retry_gets_the_same_answer_and_creates_nothing()
    {
        var id = Guid.NewGuid();
        var pdf = Pdf();
        var first = await Portal().SubmitAsync(id, pdf);
        var cases = await CountAsync(db => db.Cases);
        var retry = await Portal().SubmitAsync(id, pdf);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal((await first.JsonAsync()).ToString(), (await retry.JsonAsync()).ToString());
        Assert.Equal(cases, await CountAsync(db => db.Cases));
    }

    [Fact]
    public async Task Identical_requests_in_parallel_create_one_case()
    {
        var id = Guid.NewGuid();
        var pdf = Pdf();
        var before = await CountAsync(db => db.Cases);
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Portal().SubmitAsync(id, pdf)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var caseIds = await Task.WhenAll(responses.Select(async r => (await r.JsonAsync()).GetProperty("caseId").GetInt32()));
        Assert.Single(caseIds.Distinct());
        Assert.Equal(before + 1, await CountAsync(db => db.Cases));
        Assert.Equal(1, await CountAsync(db => db.Submissions.Where(s => s.SubmissionId == id)));
    }

    [Fact]
    public async Task The_same_id_with_other_content_is_a_conflict()
    {
        var id = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await Portal().SubmitAsync(id, Pdf("antrag", "eins"))).StatusCode);
        var other = await Portal().SubmitAsync(id, Pdf("antrag", "zwei"));
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType!.MediaType);
    }

    private async Task<JsonElement[]> RejectedAsync(JsonObject metadata, params Attachment[] files)
    {
        var cases = await CountAsync(db => db.Cases);
        var response = await Portal().PostAsync("/api/v1/submissions", Content(metadata, files));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(cases, await CountAsync(db => db.Cases)); // nothing half-written
        return [.. (await response.JsonAsync()).GetProperty("problems").EnumerateArray()];
    }

    private static void HasProblem(JsonElement[] problems, string code, string? field = null, string? attachmentId = null) =>
        Assert.Contains(problems, p => p.GetProperty("code").GetString() == code
            && (field is null || p.GetProperty("field").GetString() == field)
            && (attachmentId is null || p.GetProperty("attachmentId").GetString() == attachmentId));

    [Fact]
    public async Task A_wrong_hash_is_named()
    {
        var pdf = Pdf();
        var meta = Metadata(Guid.NewGuid(), [pdf]);
        meta["attachments"]![0]!["sha512"] = Convert.ToHexStringLower(SHA512.HashData("anders"u8.ToArray()));
        HasProblem(await RejectedAsync(meta, pdf), "hash-mismatch", attachmentId: "antrag");
    }

    [Theory]
    [InlineData("rechnung\u202Efdp.exe")]
    [InlineData("antrag\u2066.pdf")]
    [InlineData("../../etc/passwd")]
    [InlineData("C:\\temp\\antrag.pdf")]
    [InlineData("..")]
    [InlineData("  antrag.pdf")]
    [InlineData("\uFEFFantrag.pdf")]
    [InlineData("con.pdf")]
    public async Task A_file_name_that_shows_another_name_or_a_path_is_named(string fileName)
    {
        var pdf = Pdf() with { FileName = fileName };
        HasProblem(await RejectedAsync(Metadata(Guid.NewGuid(), [pdf]), pdf), "invalid-file-name", "attachments[0].fileName", attachmentId: "antrag");
    }

    [Fact]
    public async Task Missing_and_unannounced_attachments_are_named()
    {
        var announced = Pdf("antrag");
        var extra = Pdf("zusatz");
        var problems = await RejectedAsync(Metadata(Guid.NewGuid(), [announced]), extra);
        HasProblem(problems, "attachment-missing", attachmentId: "antrag");
        HasProblem(problems, "attachment-unannounced", attachmentId: "zusatz");
    }

    [Fact]
    public async Task Unknown_service_and_destination_are_named()
    {
        var pdf = Pdf();
        HasProblem(await RejectedAsync(Metadata(Guid.NewGuid(), [pdf], service: "99999999999999"), pdf), "unknown-service", "serviceType.key");
        HasProblem(await RejectedAsync(Metadata(Guid.NewGuid(), [pdf], destination: "99.9"), pdf), "unknown-destination", "destination");
    }

    [Fact]
    public async Task A_destination_that_is_not_responsible_is_named()
    {
        var pdf = Pdf();
        // Kindertagespflege does not decide on Eingliederungshilfe.
        HasProblem(await RejectedAsync(Metadata(Guid.NewGuid(), [pdf], destination: "50.2"), pdf), "destination-not-responsible", "destination");
    }

    [Fact]
    public async Task Missing_required_fields_are_each_named()
    {
        var pdf = Pdf();
        var meta = Metadata(Guid.NewGuid(), [pdf]);
        meta.Remove("dataSchemaUri");
        meta["applicant"]!.AsObject().Remove("postalCode");
        var problems = await RejectedAsync(meta, pdf);
        HasProblem(problems, "missing-field", "dataSchemaUri");
        HasProblem(problems, "missing-field", "applicant.postalCode");
    }

    [Fact]
    public async Task Only_pdf_png_jpeg_and_tiff_are_accepted_and_content_must_match_its_type()
    {
        var word = new Attachment("brief", "PK\u0003\u0004 word"u8.ToArray(), "application/msword", "attachment", "brief.doc");
        HasProblem(await RejectedAsync(Metadata(Guid.NewGuid(), [word]), word), "unsupported-media-type", attachmentId: "brief");

        var fakePng = new Attachment("foto", "%PDF-1.4 not a png"u8.ToArray(), "image/png", "attachment", "foto.png");
        HasProblem(await RejectedAsync(Metadata(Guid.NewGuid(), [fakePng]), fakePng), "content-mismatch", attachmentId: "foto");
    }

    [Fact]
    public async Task Malformed_metadata_is_a_clear_422()
    {
        var content = new MultipartFormDataContent { { new StringContent("{ \"submissionId\": "), "submission" } };
        var response = await Portal().PostAsync("/api/v1/submissions", content);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("invalid-json", (await response.JsonAsync()).GetProperty("problems")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        var big = new Attachment("antrag", [.. "%PDF-1.4\n"u8.ToArray(), .. new byte[3 * 1024 * 1024]]);
        var response = await Portal().SubmitAsync(Guid.NewGuid(), big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task No_key_or_a_wrong_key_is_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync("/api/v1/services")).StatusCode);
        var wrong = await app.Client().WithKey("falscher-schluessel").GetAsync("/api/v1/services");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("Bearer", wrong.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_client_reaches_only_its_granted_units_and_its_own_submissions()
    {
        // A second portal, granted Kindertagespflege only.
        string key;
        await using (var db = app.Data.Open(UnitScope.System))
        {
            var ktp = await db.OrgUnits.Where(u => u.Key == "50.2").Select(u => u.Id).SingleAsync();
            (var client, key) = PortalKeys.NewClient("kita-portal", [ktp]);
            db.PortalClients.Add(client);
            await db.SaveChangesAsync();
        }
        var kita = app.Client().WithKey(key);

        var services = await (await kita.GetAsync("/api/v1/services")).JsonAsync();
        Assert.NotEmpty(services.EnumerateArray());
        Assert.All(services.EnumerateArray(), s => Assert.Equal("50.2", s.GetProperty("destination").GetString()));

        // Delivering to an ungranted unit: 404.
        var pdf = Pdf();
        Assert.Equal(HttpStatusCode.NotFound, (await kita.SubmitAsync(Guid.NewGuid(), pdf)).StatusCode);

        // The demo portal's submission, case and outbox are invisible to it.
        var id = Guid.NewGuid();
        var receipt = await (await Portal().SubmitAsync(id, pdf)).JsonAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await kita.GetAsync($"/api/v1/submissions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await kita.GetAsync($"/api/v1/cases/{receipt.GetProperty("caseId").GetInt32()}/events")).StatusCode);
        var outbox = await (await kita.GetAsync("/api/v1/outbox")).JsonAsync();
        Assert.Empty(outbox.GetProperty("messages").EnumerateArray());

        // Revoked: 401 within the key cache's lifetime.
        await using (var db = app.Data.Open(UnitScope.System))
        {
            var client = await db.PortalClients.SingleAsync(c => c.Name == "kita-portal");
            client.RevokedAt = DateTime.UtcNow;
            await db.SaveChangesAsync();
        }
        await Task.Delay(TimeSpan.FromSeconds(11));
        Assert.Equal(HttpStatusCode.Unauthorized, (await kita.GetAsync("/api/v1/services")).StatusCode);
    }

    [Fact]
    public async Task Status_events_and_replies_travel_back_to_the_portal()
    {
        var id = Guid.NewGuid();
        var receipt = await (await Portal().SubmitAsync(id, Pdf())).JsonAsync();
        var caseId = receipt.GetProperty("caseId").GetInt32();
        var status = await (await Portal().GetAsync($"/api/v1/submissions/{id}")).JsonAsync();
        Assert.Equal("eingegangen", status.GetProperty("status").GetString());
        var cursor = (await (await Portal().GetAsync("/api/v1/outbox")).JsonAsync()).GetProperty("cursor").GetInt64();
        var cursorAfterAll = await LastCursorAsync(cursor);

        // The clerk of the unit asks for documents, then decides.
        var letters = app.Services.GetRequiredService<LetterOut>();
        await using (var db = app.Data.Open(UnitScope.Of([await UnitAsync("50.1")])))
        {
            db.Actor = "clerk";
            Assert.True((await letters.SendLetterAsync(db, caseId, LetterKind.Nachforderung, "Fehlende Unterlagen", "Bitte reichen Sie den Arztbericht nach.")).IsDone);
        }
        Assert.Equal("nachforderung", (await (await Portal().GetAsync($"/api/v1/submissions/{id}")).JsonAsync()).GetProperty("status").GetString());
        await using (var db = app.Data.Open(UnitScope.Of([await UnitAsync("50.1")])))
            Assert.True((await letters.SendLetterAsync(db, caseId, LetterKind.Bescheid, "Bewilligung", "Die Eingliederungshilfe wird bewilligt.")).IsDone);

        var page = await (await Portal().GetAsync($"/api/v1/outbox?after={cursorAfterAll}")).JsonAsync();
        var messages = page.GetProperty("messages").EnumerateArray().Where(m => m.GetProperty("caseId").GetInt32() == caseId).ToList();
        Assert.Equal(["nachforderung", "bescheid"], messages.Select(m => m.GetProperty("kind").GetString()));
        var decision = messages[1];
        var pdf = await Portal().GetAsync(decision.GetProperty("document").GetString());
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF", await pdf.Content.ReadAsStringAsync());

        var ackId = decision.GetProperty("messageId").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await Portal().PostAsync($"/api/v1/outbox/{ackId}/ack", null)).StatusCode);
        var again = await (await Portal().GetAsync($"/api/v1/outbox?after={cursorAfterAll}")).JsonAsync();
        Assert.True(again.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("messageId").GetInt64() == ackId).GetProperty("delivered").GetBoolean());
        var next = await (await Portal().GetAsync($"/api/v1/outbox?after={page.GetProperty("cursor").GetInt64()}")).JsonAsync();
        Assert.DoesNotContain(next.GetProperty("messages").EnumerateArray(), m => m.GetProperty("caseId").GetInt32() == caseId);

        var events = await (await Portal().GetAsync($"/api/v1/cases/{caseId}/events")).JsonAsync();
        var types = events.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString() + ":" + (e.TryGetProperty("status", out var s) ? s.GetString() : e.TryGetProperty("kind", out var k) ? k.GetString() : "")).ToList();
        Assert.Equal(["received:", "accepted:", "status-changed:nachforderung", "message-sent:nachforderung", "status-changed:entschieden", "message-sent:bescheid"], types);
        Assert.DoesNotContain("Becker", events.ToString()); // no clerk names
        Assert.Equal("entschieden", (await (await Portal().GetAsync($"/api/v1/submissions/{id}")).JsonAsync()).GetProperty("status").GetString());
    }

    private async Task<long> LastCursorAsync(long cursor)
    {
        while (true)
        {
            var page = await (await Portal().GetAsync($"/api/v1/outbox?after={cursor}&limit=200")).JsonAsync();
            var next = page.GetProperty("cursor").GetInt64();
            if (next == cursor) return cursor;
            cursor = next;
        }
    }

    private async Task<int> UnitAsync(string key)
    {
        await using var db = app.Data.Open(UnitScope.System);
        return await db.OrgUnits.Where(u => u.Key == key).Select(u => u.Id).SingleAsync();
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_exactly_the_mapped_endpoints()
    {
        var doc = await (await app.Client().GetAsync("/openapi/v1.json")).JsonAsync();
        var documented = doc.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}")).Order().ToList();
        var mapped = app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1"))
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods
                .Select(m => $"{m} {System.Text.RegularExpressions.Regex.Replace(e.RoutePattern.RawText!, ":[a-z]+}", "}")}"))
            .Order().ToList();
        Assert.Equal(mapped, documented);
    }
}

/// <summary>A fixture with a tight rate limit.</summary>
public sealed class RateLimitedApp : AppFactory
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
        [("BackOffice:Portal:RequestsPerSecond", "1"), ("BackOffice:Portal:Burst", "3")];
}

public class PortalRateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task A_client_over_its_rate_gets_429_with_retry_after()
    {
        var portal = app.Client().WithKey(DemoKey);
        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++) statuses.Add(await portal.GetAsync("/api/v1/services"));
        Assert.Equal(HttpStatusCode.OK, statuses[0].StatusCode);
        var limited = statuses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType!.MediaType);
    }
}

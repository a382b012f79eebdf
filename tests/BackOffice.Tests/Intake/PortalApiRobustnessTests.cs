using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using BackOffice.Features.Intake;
using BackOffice.Tests.Support;
using static BackOffice.Tests.Support.PortalRequests;

namespace BackOffice.Tests.Intake;

/// <summary>Issue 9, defects 30 and 34: broken, compressed, oversized or overlong deliveries get a 4xx problem that names the cause, never a 500.</summary>
public class PortalApiRobustnessTestsOnSqlite(AppFactory app) : PortalApiRobustnessTests<AppFactory>(app);

public class PortalApiRobustnessTestsOnMariaDb(MariaDbAppFactory app) : PortalApiRobustnessTests<MariaDbAppFactory>(app);

public abstract class PortalApiRobustnessTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFactory
{
    private HttpClient Portal() => app.Client().WithKey(DemoKey);

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient client, HttpContent content)
    {
        var response = await client.PostAsync("/api/v1/submissions", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", body); // no stack trace
        return (response.StatusCode, body);
    }

    private static ByteArrayContent Raw(byte[] bytes, string contentType = "multipart/form-data; boundary=XYZ")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    [Fact]
    public async Task A_truncated_body_is_a_400_that_says_so()
    {
        var full = await Content(Metadata(Guid.NewGuid(), [Pdf()]), [Pdf()]).ReadAsByteArrayAsync();
        var boundary = "--" + Encoding.ASCII.GetString(full).Split("\r\n")[0].TrimStart('-');
        var (status, body) = await SendAsync(Portal(), Raw(full[..(full.Length / 2)], $"multipart/form-data; boundary={boundary[2..]}"));
        Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"{status}: {body}");
    }

    [Fact]
    public async Task Random_bytes_are_refused_with_a_problem()
    {
        var bytes = new byte[20_000];
        new Random(7).NextBytes(bytes);
        var (status, body) = await SendAsync(Portal(), Raw(bytes));
        Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"{status}: {body}");
    }

    [Fact]
    public async Task Compressed_content_is_415_and_names_the_encoding()
    {
        var content = Raw(new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0 });
        content.Headers.ContentEncoding.Add("gzip");
        var (status, body) = await SendAsync(Portal(), content);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains("gzip", body);
    }

    [Fact]
    public async Task Ten_thousand_parts_or_a_huge_part_header_are_named_not_called_too_large()
    {
        var many = new StringBuilder();
        for (var i = 0; i < 10_000; i++) many.Append($"--XYZ\r\nContent-Disposition: form-data; name=\"f{i}\"\r\n\r\nx\r\n");
        many.Append("--XYZ--\r\n");
        var (status, body) = await SendAsync(Portal(), Raw(Encoding.ASCII.GetBytes(many.ToString())));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("Teile", body);

        var header = $"--XYZ\r\nContent-Disposition: form-data; name=\"submission\"\r\nX-Long: {new string('a', 20_000)}\r\n\r\n{{}}\r\n--XYZ--\r\n";
        (status, body) = await SendAsync(Portal(), Raw(Encoding.ASCII.GetBytes(header)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("Kopfzeilen", body);
    }

    [Fact]
    public async Task Too_many_attachments_or_form_fields_are_refused_whole()
    {
        var files = Enumerable.Range(0, SubmissionIntake.MaxAttachments + 1).Select(i => Pdf($"a{i}")).ToArray();
        var (status, body) = await SendAsync(Portal(), Content(Metadata(Guid.NewGuid(), files), files));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("too-many", body);

        var meta = Metadata(Guid.NewGuid(), [Pdf()]);
        var data = new JsonObject();
        for (var i = 0; i <= SubmissionIntake.MaxFormFields; i++) data[$"feld{i}"] = i;
        meta["data"] = data;
        (status, body) = await SendAsync(Portal(), Content(meta, [Pdf()]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("too-many-fields", body);
    }
}

/// <summary>Wrong keys from one address are answered with 429 and audited; a right key from the same address still works.</summary>
public class PortalKeyGuessingTests
{
    [Fact]
    public async Task Many_wrong_keys_from_one_address_get_429()
    {
        await using var app = new AppFactory(); // its own counters
        await app.InitializeAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < PortalKeyHandler.WrongKeysPerMinute + 5; i++)
            statuses.Add((await app.Client().WithKey($"geraten-{i}").GetAsync("/api/v1/services")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, statuses[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        // Another portal behind the same proxy is not locked out by the wrong keys.
        var right = await app.Client().WithKey(DemoKey).GetAsync("/api/v1/services");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        await using var db = app.Data.CreateDbContext();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "portal-key-throttled"));
    }
}

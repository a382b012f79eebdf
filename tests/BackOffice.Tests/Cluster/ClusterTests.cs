using System.Diagnostics;
using System.Net;
using BackOffice.Data;
using BackOffice.Features.Intake;
using BackOffice.Shared;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static BackOffice.Tests.Support.PortalRequests;

namespace BackOffice.Tests.Cluster;

/// <summary>
/// Two app instances behind HAProxy on a three-node Galera cluster with Redis: live updates cross instances, a killed
/// instance or database node loses nothing acknowledged and its users go on, background work runs once, and Redis
/// away costs live updates only.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterTests(ClusterFixture cluster, ITestOutputHelper output) : BrowserSession(cluster)
{
    private async Task OpenInboxOnAsync(string instance)
    {
        await cluster.PinAsync(Context, instance);
        await SignInAsync("clerk");
        await Page.GotoAsync("/posteingang");
        await WaitForCircuitAsync();
        await Assertions.Expect(Page.GetByTestId("inbox-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[\d.]+ Eing(ang|änge)$"));
        await Page.WaitForFunctionAsync("() => window.boInbox && window.boInbox.handler");
    }

    private static Task<string> DeliverAsync(string baseUrl) => PortalRequests.DeliverAsync(baseUrl, "Cluster");

    [Fact]
    public async Task A_portal_item_delivered_to_one_instance_appears_live_in_the_posteingang_on_the_other()
    {
        await OpenInboxOnAsync("app2");
        await AssertAccessibleAsync();
        var times = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            var number = await DeliverAsync(cluster.App1.BaseUrl); // straight to the other instance
            await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = number })).ToBeVisibleAsync(new() { Timeout = 5_000 });
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        output.WriteLine($"delivery on app1 to the row on app2's page: {string.Join(", ", times.Select(t => $"{t:0} ms"))}");
    }

    [Fact]
    public async Task Killing_an_instance_during_an_intake_burst_loses_nothing_and_its_users_go_on_signed_in_where_they_were()
    {
        await OpenInboxOnAsync("app1");
        await Page.GotoAsync("/vorgaenge?q=Cluster");
        await WaitForCircuitAsync();
        var address = Page.Url;
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Page.Load += (_, _) => reloaded.TrySetResult();
        var clock = Stopwatch.StartNew();

        var (acknowledged, sent) = await BurstAsync(cluster.BaseUrl, 40, async () => { await cluster.App1.KillAsync(); clock.Restart(); });
        output.WriteLine($"{acknowledged.Count} of {sent} submissions acknowledged while app1 was killed");
        await AssertWholeAndOnceAsync(acknowledged);

        // Its page comes back by itself from the other instance, the user still signed in, on the same address: the
        // reconnection is refused there (it knows no such session), and the page loads again.
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(45));
        await WaitForCircuitAsync();
        output.WriteLine($"the killed instance's page came back by itself after {clock.ElapsedMilliseconds} ms");
        Assert.Equal(address, Page.Url);
        var cookies = await Context.CookiesAsync();
        Assert.Equal("app2", cookies.Single(c => c.Name == "BACKOFFICE_INSTANCE").Value);
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" })).ToBeVisibleAsync();

        await cluster.App1.StartAsync();
        await cluster.WaitUntilProxyServesAsync();
    }

    [Fact]
    public async Task Killing_the_database_writer_during_an_intake_burst_loses_nothing_acknowledged()
    {
        await OpenInboxOnAsync("app2");
        (int Version, int Document) doc;
        await using (var db = cluster.OpenDb())
            doc = await db.DocumentVersions.Where(v => db.OrgUnits.Any(u => u.Key == "50.1" && u.Id == v.Document!.UnitId)).OrderBy(v => v.Id).Select(v => new ValueTuple<int, int>(v.Id, v.DocumentId)).FirstAsync();
        int ReadsOfDocument() { using var db = cluster.OpenDb(); return db.AuditEvents.Count(e => e.Action == "read" && e.EntityType == "Document" && e.EntityId == doc.Document.ToString()); }
        var readsBefore = ReadsOfDocument();

        // Meanwhile the clerk opens a document again and again (three tabs): an opening whose logged read was being
        // written when the writer died is written again through the new writer, and the clerk gets the document, not an
        // error. (Opening a case logs its read the same way.)
        using var opening = new CancellationTokenSource();
        var openings = Enumerable.Range(0, 3).Select(async _ =>
        {
            var failures = new List<string>();
            var count = 0;
            while (!opening.IsCancellationRequested)
            {
                var response = await Page.APIRequest.GetAsync($"/dokumente/{doc.Version}/download");
                count++;
                if (response.Status != 200) failures.Add($"{response.Status} {response.StatusText}");
            }
            return (count, failures);
        }).ToList();

        var writer = cluster.NodeOfPort(await cluster.WriterPortAsync());
        var killedAt = Stopwatch.StartNew();
        var (acknowledged, sent) = await BurstAsync(cluster.BaseUrl, 40, () => { cluster.KillNode(writer); killedAt.Restart(); return Task.CompletedTask; });
        output.WriteLine($"{acknowledged.Count} of {sent} submissions acknowledged while Galera node {writer} (the writer) was killed");
        await opening.CancelAsync();
        var opened = await Task.WhenAll(openings);
        output.WriteLine($"the document was opened {opened.Sum(o => o.count)} times meanwhile");
        var failed = opened.SelectMany(o => o.failures).ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} openings failed, the first with {failed.FirstOrDefault()}");
        Assert.True(ReadsOfDocument() >= readsBefore + opened.Sum(o => o.count), "an opening of the document was not logged");

        // The API answers again within seconds, through another node.
        while (true)
        {
            try { await DeliverAsync(cluster.BaseUrl); break; }
            catch (Exception e) when (killedAt.Elapsed < TimeSpan.FromSeconds(30) && e is not Xunit.Sdk.XunitException) { }
            catch (Xunit.Sdk.XunitException) when (killedAt.Elapsed < TimeSpan.FromSeconds(30)) { }
            await Task.Delay(200);
        }
        output.WriteLine($"the API accepted again {killedAt.ElapsedMilliseconds} ms after the writer was killed");
        Assert.NotEqual(writer, cluster.NodeOfPort(await cluster.WriterPortAsync()));
        await AssertWholeAndOnceAsync(acknowledged);

        cluster.StartNode(writer);
    }

    [Fact]
    public async Task A_sign_in_made_on_one_instance_holds_on_the_other_and_a_sign_out_there_ends_it_on_both()
    {
        await OpenInboxOnAsync("app1");
        // The same cookies in a second window that the proxy keeps on the other instance: still signed in there.
        var other = await cluster.NewContextAsync(new() { BaseURL = cluster.BaseUrl, ViewportSize = new() { Width = 1280, Height = 720 } });
        await other.AddCookiesAsync((await Context.CookiesAsync()).Where(c => c.Name != "BACKOFFICE_INSTANCE")
            .Select(c => new Microsoft.Playwright.Cookie { Name = c.Name, Value = c.Value, Url = cluster.BaseUrl }));
        await cluster.PinAsync(other, "app2");
        var page = await other.NewPageAsync();
        await page.GotoAsync("/posteingang");
        Assert.EndsWith("/posteingang", page.Url);
        await Assertions.Expect(page.GetByTestId("inbox-count")).ToBeVisibleAsync();

        // Signing out there ends the session here too.
        await page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/anmelden"));
        await Page.GotoAsync("/posteingang");
        await Page.WaitForURLAsync(u => u.Contains("/anmelden"));
        await other.CloseAsync();
    }

    [Fact]
    public async Task Wrong_portal_keys_count_together_on_both_instances()
    {
        // Half to each instance, from one address: each alone would stay under the limit and answer 401.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < PortalKeyHandler.WrongKeysPerMinute + 4; i++)
        {
            using var http = new HttpClient { BaseAddress = new Uri(i % 2 == 0 ? cluster.App1.BaseUrl : cluster.App2.BaseUrl) }.WithKey($"geraten-{i}");
            statuses.Add((await http.GetAsync("/api/v1/services")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, statuses[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^2]);
    }

    [Fact]
    public async Task Background_work_moves_to_the_other_instance_when_its_instance_dies()
    {
        var holder = await HolderAsync("document-text");
        Assert.NotNull(holder);
        var (dead, living, livingName) = holder!.StartsWith("app1/") ? (cluster.App1, cluster.App2, "app2") : (cluster.App2, cluster.App1, "app1");
        await dead.KillAsync();
        try
        {
            var clock = Stopwatch.StartNew();
            while (await HolderAsync("document-text") is not { } now || !now.StartsWith(livingName + "/"))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(40), "the text reader did not move within 40 s");
                await Task.Delay(250);
            }
            output.WriteLine($"the text reader moved to {livingName} {clock.ElapsedMilliseconds} ms after its instance was killed");
            // And it works there: a new delivery's text is read.
            var number = await DeliverAsync(living.BaseUrl);
            while (true)
            {
                await using var db = cluster.OpenDb();
                var texts = await db.InboxItems.Where(i => i.Number == number).SelectMany(i => i.Case!.Documents).Select(d => d.Text).ToListAsync();
                if (texts.Count > 0 && texts.All(t => t != null)) break;
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), "the moved text reader did not read the new document");
                await Task.Delay(500);
            }
        }
        finally
        {
            await dead.StartAsync();
            await cluster.WaitUntilProxyServesAsync();
        }
    }

    private async Task<string?> HolderAsync(string lease)
    {
        await using var db = cluster.OpenDb();
        var now = DateTime.UtcNow;
        return await db.Leases.Where(l => l.Name == lease && l.ExpiresAt >= now).Select(l => l.Holder).SingleOrDefaultAsync();
    }

    [Fact]
    public async Task A_scheduled_report_due_now_is_produced_once_by_one_of_the_instances()
    {
        int id;
        await using (var db = cluster.OpenDb())
        {
            var controller = await db.Users.SingleAsync(u => u.UserName == "controller");
            var schedule = new ReportSchedule { ReportId = "arbeitsstand-je-sachbearbeitung", UserId = controller.Id, DayOfMonth = 1, CreatedAt = DateTime.UtcNow };
            db.ReportSchedules.Add(schedule);
            await db.SaveChangesAsync();
            id = schedule.Id;
        }
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using var db = cluster.OpenDb();
            if (await db.ReportResults.AnyAsync(r => r.ScheduleId == id)) break;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "no instance produced the due report within 60 s");
            await Task.Delay(500);
        }
        await Task.Delay(TimeSpan.FromSeconds(8)); // both schedulers look again meanwhile (every 3 s)
        await using (var db = cluster.OpenDb())
        {
            var results = await db.ReportResults.Where(r => r.ScheduleId == id).ToListAsync();
            Assert.Single(results);
            Assert.Null(results[0].Error);
            Assert.True(File.Exists(Path.Combine(cluster.SharedData, "report-results", results[0].StoredName!)));
        }
    }

    [Fact]
    public async Task Without_redis_the_instances_serve_on_and_live_updates_come_back_with_it()
    {
        await OpenInboxOnAsync("app2");
        var logBefore = (cluster.App1.Log.Length, cluster.App2.Log.Length);
        cluster.StopRedis();
        try
        {
            // Serving goes on: the portal delivers, the clerk works, the proxy keeps both instances.
            var number = await DeliverAsync(cluster.App1.BaseUrl);
            using (var http = new HttpClient())
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(cluster.App2.BaseUrl + "/ready")).StatusCode);
            await Page.ReloadAsync();
            await WaitForCircuitAsync();
            await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = number })).ToBeVisibleAsync();
            // Each instance says once that Redis is away, and nothing failed for it.
            foreach (var log in new[] { cluster.App1.Log[logBefore.Item1..], cluster.App2.Log[logBefore.Item2..] })
            {
                Assert.DoesNotContain("fail:", log);
                Assert.Single(System.Text.RegularExpressions.Regex.Matches(log, "Redis is not reachable \\("));
            }
        }
        finally { cluster.StartMissing(); }

        // Redis back: the clients reconnect by themselves and live updates cross again.
        var clock = Stopwatch.StartNew();
        string? seen = null;
        while (seen is null && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var number = await DeliverAsync(cluster.App1.BaseUrl);
            try
            {
                await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = number })).ToBeVisibleAsync(new() { Timeout = 3_000 });
                seen = number;
            }
            catch (PlaywrightException) { }
        }
        Assert.NotNull(seen);
        output.WriteLine($"live updates crossed again {clock.ElapsedMilliseconds} ms after Redis was started again");
    }

    /// <summary>Sends <paramref name="count"/> deliveries at once and does <paramref name="meanwhile"/> while they go; returns what was acknowledged.</summary>
    private static async Task<(List<Guid> Acknowledged, int Sent)> BurstAsync(string baseUrl, int count, Func<Task> meanwhile)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        http.WithKey(DemoKey);
        var sends = Enumerable.Range(0, count).Select(async i =>
        {
            await Task.Delay(i * 25); // a stream rather than one wave, so that the kill falls in the middle
            var pdf = new Attachment("antrag", [.. SimplePdf.Create("Antrag", [$"Burst {i}"]), .. System.Security.Cryptography.RandomNumberGenerator.GetBytes(50 * 1024)]);
            var id = Guid.NewGuid();
            try
            {
                var response = await http.PostAsync("/api/v1/submissions", Content(Metadata(id, [pdf], applicant: $"Burst, Person {id:N}"), [pdf]));
                return response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK ? id : (Guid?)null;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException) { return null; }
        }).ToList();
        await Task.Delay(400);
        await meanwhile();
        var results = await Task.WhenAll(sends);
        return (results.OfType<Guid>().ToList(), count);
    }

    /// <summary>Each acknowledged submission is in the database once, whole: its case, inbox item and document, and the file in the shared store.</summary>
    private async Task AssertWholeAndOnceAsync(List<Guid> acknowledged)
    {
        Assert.NotEmpty(acknowledged);
        await using var db = cluster.OpenDb();
        var rows = await db.Submissions.Where(s => acknowledged.Contains(s.SubmissionId))
            .Select(s => new { s.SubmissionId, s.CaseId, s.InboxItemId, Documents = s.Case!.Documents.Count, Items = db.InboxItems.Count(i => i.CaseId == s.CaseId) }).ToListAsync();
        Assert.Equal(acknowledged.Order(), rows.Select(r => r.SubmissionId).Order());
        Assert.All(rows, r => Assert.Equal((1, 1), (r.Documents, r.Items)));
        var store = new Features.Documents.DocumentStore(Microsoft.Extensions.Options.Options.Create(new Infrastructure.BackOfficeOptions { DataDirectory = cluster.SharedData }));
        var caseIds = rows.Select(r => r.CaseId).ToList();
        foreach (var sha in await db.DocumentVersions.Where(v => caseIds.Contains(v.Document!.CaseId!.Value)).Select(v => v.Sha256).ToListAsync())
            Assert.True(store.Exists(sha), $"the stored file {sha} is missing");
        Assert.Null(await AuditChain.FindFirstBreakAsync(db));
        // Registration numbers stay unique and without gaps, whichever instance and node wrote them.
        var prefix = InboxNumbers.Prefix(DateTime.UtcNow);
        var numbers = (await db.InboxItems.IgnoreQueryFilters().Where(i => i.Number.StartsWith(prefix)).Select(i => i.Number).ToListAsync())
            .Select(n => int.Parse(n[prefix.Length..])).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.Equal(numbers.Count, numbers.Max());
    }
}

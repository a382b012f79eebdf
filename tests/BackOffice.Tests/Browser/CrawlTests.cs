using BackOffice.Data;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BackOffice.Tests.Browser;

/// <summary>
/// Issue 9: a new user's tour, automated. Every demo role signs in and follows every link it is shown (bounded),
/// opens inbox items and their documents, and every distinct document file name of the demo county is opened inline,
/// as a preview and as a download. Any 5xx, any error UI and any error in the server's log fails the test.
/// </summary>
[Collection(BrowserCollection.Name)]
public class CrawlTests(RunningApp app) : BrowserTest(app)
{
    private const int MaxPagesPerRole = 30;

    [Theory]
    [InlineData("clerk")]
    [InlineData("clerk2")]
    [InlineData("head")]
    [InlineData("controller")]
    [InlineData("mailroom")]
    [InlineData("admin")]
    public async Task Every_page_a_role_can_reach_answers_without_error(string user)
    {
        var logBefore = App.Log.Length;
        var problems = new List<string>();
        Page.Response += (_, r) => { if (r.Status >= 500) problems.Add($"{r.Status} {r.Url}"); };
        Page.PageError += (_, e) => problems.Add($"script error on {Page.Url}: {e}");
        await SignInAsync(user);

        var seen = new HashSet<string>();
        var queue = new Queue<string>(["/"]);
        while (queue.Count > 0 && seen.Count < MaxPagesPerRole)
        {
            var path = queue.Dequeue();
            if (!seen.Add(path)) continue;
            var response = await Page.GotoAsync(path);
            await WaitForCircuitAsync();
            if (response is { Status: >= 500 }) problems.Add($"{response.Status} {path}");
            await AssertNoErrorUiAsync(path, problems);
            foreach (var href in await Page.Locator("a[href]:not([download])").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
            {
                var next = Normalise(href);
                if (next is null || seen.Contains(next)) continue;
                // A PDF to print (separator sheets) opens in the browser's viewer, not as a page: fetched, like downloads.
                if (next.Contains(".pdf"))
                {
                    seen.Add(next);
                    var pdf = await Page.APIRequest.GetAsync(App.BaseUrl + next);
                    if (pdf.Status >= 400) problems.Add($"{pdf.Status} {next}");
                    continue;
                }
                queue.Enqueue(next);
            }
            // Downloads are fetched, not visited (a browser would save them, not show them).
            foreach (var href in await Page.Locator("a[href][download]").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
            {
                if (Normalise(href) is not { } download || !seen.Add(download)) continue;
                var fetched = await Page.APIRequest.GetAsync(App.BaseUrl + download);
                if (fetched.Status >= 500) problems.Add($"{fetched.Status} {download}");
            }
            if (path == "/posteingang") await OpenSomeItemsAsync(problems);
        }
        Assert.True(seen.Count > 1, $"{user} reached no page");
        Assert.True(problems.Count == 0, $"{user}:\n" + string.Join("\n", problems));
        AssertNoServerErrors(logBefore);
    }

    /// <summary>Selects the first rows of the Posteingang, so that their previews, forms and documents load.</summary>
    private async Task OpenSomeItemsAsync(List<string> problems)
    {
        var rows = Page.Locator("[data-testid=inbox-grid] tbody button.bo-linkbutton");
        var count = Math.Min(await rows.CountAsync(), 5);
        for (var i = 0; i < count; i++)
        {
            await rows.Nth(i).ClickAsync();
            await Assertions.Expect(Page.GetByTestId("inbox-preview")).ToBeVisibleAsync();
            await AssertNoErrorUiAsync($"/posteingang (Eingang {i + 1})", problems);
        }
    }

    private async Task AssertNoErrorUiAsync(string where, List<string> problems)
    {
        if (await Page.Locator("#blazor-error-ui").IsVisibleAsync()) problems.Add($"Blazor error bar on {where}");
        if (await Page.GetByTestId("error-boundary").CountAsync() > 0) problems.Add($"error boundary on {where}");
        if (await Page.Locator(".components-reconnect-show, .components-reconnect-failed, .components-reconnect-rejected").CountAsync() > 0) problems.Add($"circuit lost on {where}");
    }

    /// <summary>Pages of the app worth visiting; documents are checked below, sign-out is not followed.</summary>
    private string? Normalise(string? href)
    {
        if (string.IsNullOrEmpty(href) || href.StartsWith('#') || href.StartsWith("mailto:") || href.StartsWith("javascript:")) return null;
        var uri = new Uri(new Uri(App.BaseUrl + "/"), href);
        if (!uri.ToString().StartsWith(App.BaseUrl)) return null;
        var path = uri.PathAndQuery;
        return path.StartsWith("/dokumente") || path.StartsWith("/abmelden") || path.StartsWith("/_") || path.StartsWith("/openapi") ? null : path;
    }

    private void AssertNoServerErrors(int from)
    {
        var log = App.Log[from..];
        var errors = log.Split('\n').Where(l => l.StartsWith("fail:") || l.Contains("Unhandled exception") || l.Contains("crit:")).ToList();
        Assert.True(errors.Count == 0, "Server errors:\n" + string.Join("\n", errors) + "\n" + (log.Length > 4000 ? log[..4000] : log));
    }

    [Fact]
    public async Task Every_distinct_document_file_name_opens_for_the_head()
    {
        var logBefore = App.Log.Length;
        List<(string Name, int Id)> sample;
        await using (var db = App.Data.Open(UnitScope.System))
        {
            var social = await db.OrgUnits.Where(u => u.Key.StartsWith("50")).Select(u => u.Id).ToListAsync();
            sample = (await db.DocumentVersions.Where(v => social.Contains(v.Document!.UnitId)).GroupBy(v => v.FileName)
                .Select(g => new { g.Key, Id = g.Min(v => v.Id) }).ToListAsync()).Select(x => (x.Key, x.Id)).ToList();
        }
        Assert.Contains(sample, s => s.Name.Any(c => c > 127));
        await SignInAsync("head");
        var problems = new List<string>();
        foreach (var (name, id) in sample)
            foreach (var path in new[] { $"/dokumente/{id}", $"/dokumente/{id}/ansicht", $"/dokumente/{id}/download" })
            {
                var response = await Page.APIRequest.GetAsync(path);
                if (response.Status != 200) problems.Add($"{response.Status} {path} ({name})");
            }
        // And one of them in the page, as a clerk clicks it on the case page.
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        AssertNoServerErrors(logBefore);
    }
}

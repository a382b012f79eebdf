using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace BackOffice.Tests.Support;

/// <summary>What a browser test runs against: one app (<see cref="RunningApp"/>) or several behind a proxy.</summary>
public interface IBrowserHost
{
    string BaseUrl { get; }
    Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options);
}

/// <summary>Helpers for the browser tests on the one running app.</summary>
public abstract class BrowserTest(RunningApp app) : BrowserSession(app)
{
    protected RunningApp App { get; } = app;
}

/// <summary>Helpers for the browser tests: a fresh context per test (one user, one Blazor circuit), sign-in, axe.</summary>
public abstract class BrowserSession(IBrowserHost host) : IAsyncLifetime
{
    protected IBrowserContext Context { get; private set; } = default!;
    protected IPage Page { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Context = await host.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseUrl, Locale = "de-DE", TimezoneId = "Europe/Berlin",
            ViewportSize = new ViewportSize { Width = 1280, Height = 720 },
        });
        Context.SetDefaultTimeout(15_000);
        // CI machines have 2 cores shared by the test host, the app and Chromium: give assertions the same patience
        // as actions (a failing assertion still fails, only later).
        Assertions.SetDefaultExpectTimeout(15_000);
        Page = await Context.NewPageAsync();
    }

    public async Task DisposeAsync() => await Context.CloseAsync();

    protected async Task SignInAsync(string user, string password = Features.Demo.DemoCounty.Password)
    {
        await Page.GotoAsync("/anmelden");
        await Page.GetByLabel("Benutzername").FillAsync(user);
        await Page.GetByLabel("Passwort").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Page.WaitForURLAsync(url => !url.Contains("/anmelden"));
        await WaitForCircuitAsync();
    }

    /// <summary>Waits until the page is interactive (Blazor's circuit is up), so clicks reach the server.</summary>
    protected async Task WaitForCircuitAsync()
    {
        // Pages with the app's layout have .rz-body; plain static pages (sign-in, password change) have .bo-plain and no circuit.
        await Page.WaitForFunctionAsync("() => window.Blazor !== undefined && (document.querySelector('.rz-body') !== null || document.querySelector('.bo-plain') !== null)");
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>
    /// Clicks what navigates (a chart's bar) until the address is there: a chart wires its clicks up in script after it
    /// renders, and under a loaded run a first click could come before that (a CI run lost one).
    /// </summary>
    protected async Task ClickUntilAddressAsync(ILocator target, string addressGlob)
    {
        for (var attempt = 1; ; attempt++)
        {
            // The page may already be on its way to the address (the last click was only slow): then the target is gone.
            try { await target.ClickAsync(new() { Timeout = 5_000 }); } catch (TimeoutException) when (attempt > 1) { }
            try
            {
                await Page.WaitForURLAsync(addressGlob, new() { Timeout = 5_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3) { }
        }
    }

    /// <summary>
    /// Headless Chromium starts its focus navigation after the page's first link, so a first Tab
    /// would not land where a person's first Tab in a fresh window does. Focusing (and removing)
    /// a probe at the very top of the body puts the starting point there.
    /// </summary>
    protected async Task GiveKeyboardFocusAsync() => await Page.EvaluateAsync(
        "() => { const p = document.createElement('span'); p.tabIndex = -1; document.body.prepend(p); p.focus(); p.remove(); }");

    /// <summary>BITV 2.0 / WCAG 2.1 AA: no moderate, serious or critical violation (minor best-practice hints are allowed).</summary>
    protected async Task AssertAccessibleAsync(IPage? page = null)
    {
        page ??= Page;
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });
        var bad = result.Violations.Where(v => v.Impact is "moderate" or "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"axe on {page.Url}:\n" + string.Join("\n", bad.Select(v =>
            $"- {v.Impact} {v.Id}: {v.Help}\n    " + string.Join("\n    ", v.Nodes.Take(5).Select(n => n.Html)))));
    }
}

using Microsoft.Playwright;

/// <summary>Debian's Chromium for the browser benchmarks, and the clerk signed in with the Posteingang open.</summary>
static class BenchBrowser
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = "/usr/bin/chromium", Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    });

    /// <summary>
    /// A new browser context (one Blazor circuit) at 1280x720, signed in as the demo clerk, on the Posteingang; behind
    /// HAProxy on the instance <paramref name="instance"/> when named (its sticky cookie).
    /// </summary>
    public static async Task<(IBrowserContext Context, IPage Page)> ClerkOnInboxAsync(IBrowser browser, string url, string? instance = null)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = url, ViewportSize = new() { Width = 1280, Height = 720 } });
        if (instance is not null) await context.AddCookiesAsync([new Cookie { Name = "BACKOFFICE_INSTANCE", Value = instance, Url = url }]);
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/anmelden");
        await page.GetByLabel("Benutzername").FillAsync("clerk");
        await page.GetByLabel("Passwort").FillAsync("BackOffice-Demo-2026!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/anmelden")); // the start page
        await page.GotoAsync("/posteingang");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=inbox-count]')?.textContent.includes('Eingänge')");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return (context, page);
    }
}

using Microsoft.Playwright;

/// <summary>
/// Server memory per connected user with the Posteingang open: N Chromium contexts (one Blazor
/// circuit each) sign in as the clerk and open the inbox; the server's RSS before and after.
/// </summary>
static class CircuitMemory
{
    public static async Task RunAsync(string url, int pid, int contexts)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BenchBrowser.LaunchAsync(playwright);

        async Task<IBrowserContext> OpenInboxAsync() => (await BenchBrowser.ClerkOnInboxAsync(browser, url)).Context;

        // Warm up (JIT, caches, first circuit), then settle.
        var warm = await OpenInboxAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));
        var before = Rss(pid);
        var open = new List<IBrowserContext>();
        for (var i = 0; i < contexts; i++) open.Add(await OpenInboxAsync()); // one after the other: two cores serve browser and app
        await Task.Delay(TimeSpan.FromSeconds(10));
        var after = Rss(pid);
        Console.WriteLine($"{open.Count} circuits with the Posteingang open (plus one warm-up)");
        Console.WriteLine($"server RSS: {before / 1024.0:0.0} MB before, {after / 1024.0:0.0} MB after");
        Console.WriteLine($"per connected user: {(after - before) / 1024.0 / open.Count:0.00} MB (budget 5 MB)");
        foreach (var c in open) await c.CloseAsync();
        await warm.CloseAsync();
    }

    private static long Rss(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
}

using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

/// <summary>
/// How long a live update takes to reach a user on another app instance: a delivery to instance 1 until its row shows
/// on the clerk's Posteingang served by instance 2 (through Redis), beside the same on one instance (no Redis in the
/// way); the difference is what crossing costs. Each sample is the delivery's answer plus the way to the page.
/// </summary>
static class LiveCrossing
{
    public static async Task RunAsync(string proxy, string app1, string app2, int samples)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BenchBrowser.LaunchAsync(playwright);
        var same = await MeasureAsync(browser, proxy, "app1", app1, samples);
        var across = await MeasureAsync(browser, proxy, "app2", app1, samples);
        Print("delivery on instance 1 → row on a page of instance 1 (same instance)", same);
        Print("delivery on instance 1 → row on a page of instance 2 (through Redis)  ", across);
        Console.WriteLine($"crossing instances adds: p50 {P(across, 0.5) - P(same, 0.5):0} ms, p99 {P(across, 0.99) - P(same, 0.99):0} ms");
    }

    private static async Task<List<double>> MeasureAsync(IBrowser browser, string proxy, string pageInstance, string deliverTo, int samples)
    {
        var (context, page) = await BenchBrowser.ClerkOnInboxAsync(browser, proxy, pageInstance);
        await page.WaitForFunctionAsync("() => window.boInbox && window.boInbox.handler");
        using var api = new HttpClient { BaseAddress = new Uri(deliverTo) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "demo-portal-key-2026");
        var times = new List<double>();
        for (var i = 0; i < samples + 3; i++)
        {
            var clock = Stopwatch.StartNew();
            var number = await DeliverAsync(api);
            await page.GetByRole(AriaRole.Button, new() { Name = number }).WaitForAsync();
            if (i >= 3) times.Add(clock.Elapsed.TotalMilliseconds); // three to warm up
        }
        await context.CloseAsync();
        return times;
    }

    private static async Task<string> DeliverAsync(HttpClient api)
    {
        var pdf = BackOffice.Infrastructure.SimplePdf.Create("Antrag", ["Live"]);
        var id = Guid.NewGuid();
        var meta = new JsonObject
        {
            ["submissionId"] = id.ToString(), ["serviceType"] = new JsonObject { ["key"] = "99107001001000", ["name"] = "Eingliederungshilfe für Minderjährige" },
            ["destination"] = "50.1", ["municipality"] = "01099002",
            ["applicant"] = new JsonObject { ["name"] = $"Live, Messung {id:N}", ["street"] = "Lindenweg 4", ["postalCode"] = "24999", ["city"] = "Bad Erlenbach", ["email"] = "live@example.org" },
            ["submittedAt"] = "2026-11-21T09:30:00Z",
            ["data"] = new JsonObject { ["kindName"] = "Lea Schulz", ["geburtsdatumKind"] = "2019-04-02", ["pflegegrad"] = 2, ["schulbegleitung"] = true },
            ["dataSchemaUri"] = "https://schema.lindenau.example/egh-minderjaehrige/1.0.json",
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["attachmentId"] = "antrag", ["fileName"] = "antrag.pdf", ["mimeType"] = "application/pdf", ["purpose"] = "form",
                ["sha512"] = Convert.ToHexStringLower(SHA512.HashData(pdf)),
            }),
        };
        var content = new MultipartFormDataContent { { new StringContent(meta.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), "submission" } };
        var part = new ByteArrayContent(pdf);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(part, "antrag", "antrag.pdf");
        var response = await api.PostAsync("/api/v1/submissions", content);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("inboxNumber").GetString()!;
    }

    private static double P(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * q) - 1)];
    }

    private static void Print(string what, List<double> times) =>
        Console.WriteLine($"{what}: p50 {P(times, 0.5):0} ms, p99 {P(times, 0.99):0} ms ({times.Count} deliveries)");
}

using System.Text.RegularExpressions;
using Microsoft.Playwright;

/// <summary>
/// Database contexts a clerk's triage opens on the server: a real browser clicks "Mir zuweisen" on one item and "Alle
/// mir zuweisen" on a selection of 20, and this counts what the app logged meanwhile (EF's "initialized" line per
/// context, each command, and the loads of the Posteingang's list). The app runs as a process of its own, as in
/// production (scripts/bench-contexts.sh starts it with those log categories on and the document text reader off); an
/// idle window of the same length is counted too, so that any background work is not charged to the click.
/// </summary>
static class TriageContexts
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(4); // the navigation's count waits 2 s after news

    public static async Task RunAsync(string url, string log)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BenchBrowser.LaunchAsync(playwright);
        var (_, page) = await BenchBrowser.ClerkOnInboxAsync(browser, url);
        // Every state: a full page of 20 rows to select (the demo clerk has fewer open items).
        await page.GotoAsync("/posteingang?status=alle");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=inbox-grid] tbody tr').length === 20");
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await Task.Delay(Settle);

        var idle = await CountAsync(log, () => Task.Delay(Settle));

        // One item: preview the first row, then "Mir zuweisen".
        await page.Locator("[data-testid=inbox-grid] tbody tr button.bo-linkbutton").First.ClickAsync();
        await page.Locator("[data-testid=inbox-preview]").WaitForAsync();
        await Task.Delay(Settle);
        var single = await CountAsync(log, async () =>
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Mir zuweisen (a)" }).ClickAsync();
            await page.WaitForFunctionAsync("() => document.querySelector('#inbox-message')?.textContent.includes('zugewiesen')");
            await Task.Delay(Settle);
        });

        // A selection of 20: the page's checkbox ("Alle Eingänge dieser Seite auswählen"), then "Alle mir zuweisen".
        await page.GetByLabel("Alle Eingänge dieser Seite auswählen").CheckAsync();
        await page.Locator("[data-testid=bulk-bar]").WaitForAsync();
        var selected = await page.Locator("#bulk-title").InnerTextAsync();
        await Task.Delay(Settle);
        var bulk = await CountAsync(log, async () =>
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Alle mir zuweisen" }).ClickAsync();
            await page.WaitForFunctionAsync("() => /von \\d+ Eingängen/.test(document.querySelector('#inbox-message')?.textContent ?? '')");
            await Task.Delay(Settle);
        });
        var bulkMessage = await page.Locator("#inbox-message").InnerTextAsync();

        Console.WriteLine($"Datenbank-Kontexte je Triage-Aktion (Fenster je {Settle.TotalSeconds:0} s, SQLite, Demo-Landkreis)");
        Console.WriteLine($"{"",-34} {"Kontexte",9} {"Befehle",8} {"Listenladen",12}");
        Print("ohne Aktion (Hintergrund)", idle);
        Print("„Mir zuweisen“, ein Eingang", single);
        Print($"„Alle mir zuweisen“, {selected}", bulk);
        Console.WriteLine($"  ({bulkMessage.Trim()})");
        Console.WriteLine("Anker, vorher (Stand 1e64287, derselbe Befehl): ohne Aktion 1 | ein Eingang 6 Kontexte, Liste 2-mal geladen | 20 Eingänge 44 Kontexte, Liste 21-mal geladen.");
    }

    private static void Print(string what, Counts c) => Console.WriteLine($"{what,-34} {c.Contexts,9} {c.Commands,8} {c.ListLoads,12}");

    private sealed record Counts(int Contexts, int Commands, int ListLoads);

    /// <summary>What the app logged while the action ran.</summary>
    private static async Task<Counts> CountAsync(string log, Func<Task> action)
    {
        var start = new FileInfo(log).Length;
        await action();
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(start, SeekOrigin.Begin);
        var text = await new StreamReader(stream).ReadToEndAsync();
        // The console logger writes an entry as a header line ("dbug: Category[id]") and indented lines.
        var entries = Regex.Split(text, @"^(?=(?:trce|dbug|info|warn|fail|crit): )", RegexOptions.Multiline);
        var contexts = entries.Count(e => e.Contains("initialized 'BackOfficeDb'"));
        var commands = entries.Where(e => e.Contains("Executed DbCommand")).ToList();
        // The list's page query: inbox items with an offset (the preview's single item has none).
        var lists = commands.Count(e => e.Contains("InboxItems") && e.Contains("OFFSET"));
        return new(contexts, commands.Count, lists);
    }
}

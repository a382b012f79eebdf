using BackOffice.Data;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BackOffice.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class MyCasesTests(RunningApp app) : BrowserTest(app)
{
    private ILocator Rows => Page.Locator("[data-testid=case-grid] tbody tr.rz-data-row");

    private async Task<List<string>> ColumnAsync(int index) =>
        [.. (await Rows.Locator($"td:nth-child({index})").AllInnerTextsAsync()).Select(t => t.Trim())];

    [Fact]
    public async Task A_clerk_pages_sorts_and_filters_their_cases()
    {
        await SignInAsync("clerk");
        // Every status, from the address (the demo clerk has fewer than 20 open ones).
        await Page.GotoAsync("/vorgaenge?status=all");
        await WaitForCircuitAsync();
        await Assertions.Expect(Rows).ToHaveCountAsync(20);
        await Assertions.Expect(Page.GetByTestId("case-count")).ToContainTextAsync("Vorgänge");
        Assert.All(await ColumnAsync(8), unit => Assert.Equal("Eingliederungshilfe", unit));
        Assert.All(await ColumnAsync(7), who => Assert.Equal("Anna Becker", who));
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "backoffice-meine-vorgaenge.png") });
        await AssertAccessibleAsync();

        // Sort by Aktenzeichen, ascending: the rows come back from the server in that order.
        // The clerk's own cases.
        List<string> open;
        await using (var db = App.Data.Open(UnitScope.System))
            open = await db.Cases.Where(c => c.Assignee!.UserName == "clerk").Select(c => c.Reference).ToListAsync();
        await Page.GetByRole(AriaRole.Columnheader, new() { Name = "Aktenzeichen" }).ClickAsync();
        await Assertions.Expect(Rows.First.Locator("td").First).ToHaveTextAsync(open.Order(StringComparer.OrdinalIgnoreCase).First());
        var references = await ColumnAsync(1);
        Assert.Equal(references.Order(StringComparer.OrdinalIgnoreCase), references);

        // Next page continues the order.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Seite 2", Exact = true }).ClickAsync();
        await Assertions.Expect(Rows.First.Locator("td").First).Not.ToHaveTextAsync(references[0]);
        var second = await ColumnAsync(1);
        Assert.True(string.Compare(references[^1], second[0], StringComparison.OrdinalIgnoreCase) < 0);

        // Filter by the start of an applicant's name.
        string surname;
        await using (var db = App.Data.Open(UnitScope.System))
            surname = await db.Cases.Where(c => c.Unit!.Key == "50.1" && c.Assignee!.UserName == "clerk")
                .Select(c => c.ApplicantName).FirstAsync();
        var prefix = surname.Split(',')[0];
        await Page.GetByLabel("Aktenzeichen oder Antragsteller (Anfang)").FillAsync(prefix);
        await Page.GetByLabel("Aktenzeichen oder Antragsteller (Anfang)").PressAsync("Enter");
        await Assertions.Expect(Rows.First.Locator("td:nth-child(3)")).ToContainTextAsync(prefix);
        Assert.All(await ColumnAsync(3), name => Assert.StartsWith(prefix, name));

        // Back from a case comes back to the same search.
        await Page.WaitForURLAsync(url => url.Contains("suche="));
        await Rows.First.Locator("td a").First.ClickAsync();
        await Page.WaitForURLAsync("**/vorgaenge/*");
        await Page.GoBackAsync();
        await WaitForCircuitAsync();
        await Assertions.Expect(Page.GetByLabel("Aktenzeichen oder Antragsteller (Anfang)")).ToHaveValueAsync(prefix);
        await Assertions.Expect(Rows.First.Locator("td:nth-child(3)")).ToContainTextAsync(prefix);
        Assert.All(await ColumnAsync(3), name => Assert.StartsWith(prefix, name));
    }

    [Fact]
    public async Task Sorting_and_paging_work_by_keyboard()
    {
        await SignInAsync("clerk");
        await Page.GotoAsync("/vorgaenge?status=all");
        await WaitForCircuitAsync();
        await Assertions.Expect(Rows).ToHaveCountAsync(20);

        // Tab reaches the column header; Enter sorts by it (ascending, then descending), and says so (aria-sort).
        var header = Page.GetByRole(AriaRole.Columnheader, new() { Name = "Aktenzeichen" });
        await header.FocusAsync();
        await Assertions.Expect(header).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(header).ToHaveAttributeAsync("aria-sort", "ascending");
        var ascending = await ColumnAsync(1);
        Assert.Equal(ascending.Order(StringComparer.OrdinalIgnoreCase), ascending);
        await Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(header).ToHaveAttributeAsync("aria-sort", "descending");
        await Assertions.Expect(Rows.First.Locator("td").First).Not.ToHaveTextAsync(ascending[0]);

        // Enter on a pager button turns the page.
        var first = await ColumnAsync(1);
        var next = Page.GetByRole(AriaRole.Button, new() { Name = "Nächste Seite" });
        await next.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Rows.First.Locator("td").First).Not.ToHaveTextAsync(first[0]);
        await Assertions.Expect(Page.Locator(".rz-pager-summary")).ToContainTextAsync("Seite 2");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Seite 1", Exact = true }).FocusAsync();
        await Page.Keyboard.PressAsync("Space");
        await Assertions.Expect(Rows.First.Locator("td").First).ToHaveTextAsync(first[0]);
        await AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_head_sees_the_cases_of_all_social_units()
    {
        await SignInAsync("head");
        await Page.GotoAsync("/vorgaenge?status=all");
        await WaitForCircuitAsync();
        await Assertions.Expect(Rows).ToHaveCountAsync(20);
        var units = new HashSet<string>();
        // Sort by status and walk a few pages: rows of more than one Fachdienst, and none outside Soziales.
        for (var page = 0; page < 3; page++)
        {
            units.UnionWith(await ColumnAsync(8));
            await Page.GetByRole(AriaRole.Button, new() { Name = "Nächste Seite" }).ClickAsync();
            await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
        Assert.Subset(new HashSet<string> { "Eingliederungshilfe", "Kindertagespflege", "Hilfe zur Pflege" }, units);
        Assert.True(units.Count > 1, string.Join(",", units));

        // Everyone's work, so not "Meine Vorgänge"; filtered by clerk, only that clerk's cases remain.
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Vorgänge");
        await Page.GetByLabel("Zuständig").SelectOptionAsync(new SelectOptionValue { Label = "Jonas Wagner" });
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(Rows.First).ToContainTextAsync("Jonas Wagner");
        Assert.All(await ColumnAsync(7), name => Assert.Equal("Jonas Wagner", name));
        await AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_clerk_cannot_open_a_case_of_another_unit_by_its_address()
    {
        int own, other;
        await using (var db = App.Data.Open(UnitScope.System))
        {
            own = await db.Cases.Where(c => c.Unit!.Key == "50.1").OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            other = await db.Cases.Where(c => c.Unit!.Key == "50.2").OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        }
        await SignInAsync("clerk");

        var response = await Page.GotoAsync($"/vorgaenge/{other}");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Vorgang nicht gefunden" })).ToBeVisibleAsync();
        await WaitForCircuitAsync(); // the interactive page takes over the prerendered one; its title comes with it
        await Assertions.Expect(Page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("BackOffice"));
        await AssertAccessibleAsync();

        await Page.GotoAsync($"/vorgaenge/{own}");
        await Assertions.Expect(Page.GetByTestId("case-facts")).ToBeVisibleAsync();
        await AssertAccessibleAsync();

        // Reading the case was logged, once, by name; the refused one was not read at all.
        await using var check = App.Data.Open(UnitScope.System);
        Assert.Equal(1, await check.AuditEvents.CountAsync(e => e.Action == "read" && e.EntityType == "Case" && e.EntityId == own.ToString() && e.Actor == "clerk"));
        Assert.Equal(0, await check.AuditEvents.CountAsync(e => e.Action == "read" && e.EntityId == other.ToString() && e.EntityType == "Case"));
    }
}

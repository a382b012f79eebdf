using System.Net;
using BackOffice.Tests.Support;
using Microsoft.Playwright;
using static BackOffice.Tests.Support.PortalRequests;

namespace BackOffice.Tests.Browser;

/// <summary>The portal seen from the back office: keys issued in the UI, items arriving live, replies sent from the case.</summary>
[Collection(BrowserCollection.Name)]
public class PortalFlowTests(RunningApp app) : BrowserTest(app)
{
    private HttpClient Api(string key) => new HttpClient { BaseAddress = new Uri(App.BaseUrl) }.WithKey(key);

    [Fact]
    public async Task An_administrator_issues_a_key_once_and_revokes_it()
    {
        await SignInAsync("admin");
        await Page.GotoAsync("/verwaltung/portal-zugaenge");
        await WaitForCircuitAsync();
        await Page.GetByLabel("Name des Portals").FillAsync("Kita-Portal Test");
        await Page.GetByLabel("50.2 Kindertagespflege").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zugang anlegen" }).ClickAsync();

        var key = await Page.GetByLabel("Schlüssel", new() { Exact = true }).InputValueAsync();
        Assert.StartsWith("bo_", key);
        await AssertAccessibleAsync();

        using var api = Api(key);
        var services = await (await api.GetAsync("/api/v1/services")).JsonAsync();
        Assert.All(services.EnumerateArray(), s => Assert.Equal("50.2", s.GetProperty("destination").GetString()));

        // Reloading the page never shows the key again.
        await Page.ReloadAsync();
        await WaitForCircuitAsync();
        Assert.Equal(0, await Page.GetByTestId("new-key").CountAsync());
        Assert.DoesNotContain(key, await Page.ContentAsync());

        await Page.GetByRole(AriaRole.Button, new() { Name = "Zugang Kita-Portal Test widerrufen" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Widerruf bestätigen" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Row, new() { Name = "Kita-Portal Test" })).ToContainTextAsync("widerrufen am");
        await Task.Delay(TimeSpan.FromSeconds(11)); // the key cache's lifetime
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/services")).StatusCode);
    }

    [Fact]
    public async Task A_portal_application_appears_in_the_clerks_inbox_and_the_clerk_replies_from_the_case()
    {
        await SignInAsync("clerk");
        await Page.GotoAsync("/posteingang");
        await WaitForCircuitAsync();
        await Assertions.Expect(Page.GetByTestId("inbox-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[\d.]+ Eing(ang|änge)$"));

        // The portal delivers while the inbox is open.
        using var api = Api(DemoKey);
        var id = Guid.NewGuid();
        var receipt = await (await api.SubmitAsync(id, Pdf())).JsonAsync();
        var number = receipt.GetProperty("inboxNumber").GetString()!;

        var nav = Page.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" });
        var countBefore = await nav.GetByText("Posteingang").InnerTextAsync();
        var row = Page.GetByRole(AriaRole.Button, new() { Name = number });
        await Assertions.Expect(row).ToBeVisibleAsync(); // no reload
        await Assertions.Expect(nav.GetByText("Posteingang")).Not.ToHaveTextAsync(countBefore); // the count of new items moved
        await Assertions.Expect(Page.GetByTestId("inbox-live")).ToContainTextAsync("neuer Eingang");

        // The preview shows the form data and the PDF in the page.
        await row.ClickAsync();
        var preview = Page.GetByTestId("inbox-preview");
        await Assertions.Expect(preview.GetByTestId("preview-form")).ToContainTextAsync("Lea Schulz");
        await Assertions.Expect(preview.Locator("iframe.bo-pdf")).ToHaveCountAsync(1);
        await AssertAccessibleAsync();

        // The case shows the form as a form, and the clerk asks for documents.
        await preview.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(Page.GetByTestId("portal-form")).ToContainTextAsync("Name des Kindes");
        await Assertions.Expect(Page.GetByTestId("portal-form")).ToContainTextAsync("02.04.2019");
        await Assertions.Expect(Page.GetByTestId("portal-form")).ToContainTextAsync("Lea Schulz");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Brief schreiben …" }).ClickAsync();
        await Page.GetByLabel("Nachforderung (Unterlagen anfordern)").CheckAsync();
        await Page.GetByLabel("Betreff").FillAsync("Fehlender Arztbericht");
        await Page.GetByLabel("Text", new() { Exact = true }).FillAsync("Bitte reichen Sie den Arztbericht bis zum 15.12. nach.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Vorschau" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("letter-preview")).ToBeVisibleAsync();
        await AssertAccessibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Senden", Exact = true }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("case-message")).ToContainTextAsync("Nachforderung liegt zur Abholung durch das Portal bereit");
        await Assertions.Expect(Page.GetByTestId("case-facts")).ToContainTextAsync("Nachforderung");
        await Assertions.Expect(Page.GetByTestId("outbox-messages")).ToContainTextAsync("Fehlender Arztbericht");

        var status = await (await api.GetAsync($"/api/v1/submissions/{id}")).JsonAsync();
        Assert.Equal("nachforderung", status.GetProperty("status").GetString());
    }
}

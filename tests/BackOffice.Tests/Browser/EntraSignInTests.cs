using BackOffice.Data;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BackOffice.Tests.Browser;

/// <summary>
/// Sign-in with Entra ID, end to end in the browser: the app (Microsoft.Identity.Web) against a real OpenID Connect provider
/// on 127.0.0.1 (see <see cref="OidcProvider"/>), beside the local accounts.
/// </summary>
[Collection(BrowserCollection.Name)]
public class EntraSignInTests(RunningApp app) : BrowserTest(app)
{
    private async Task SignInWithEntraAsync(OidcProvider.Account account, string? startAt = null)
    {
        await Page.GotoAsync(startAt ?? "/anmelden");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Mit Entra ID anmelden" }).ClickAsync();
        // The provider's own login page (it stands in for Microsoft's), unless the provider still knows the person (single sign-on).
        await Page.WaitForURLAsync(url => url.StartsWith(App.Identity.Issuer + "/interaction") || url.StartsWith(App.BaseUrl) && !url.Contains("/anmelden/entra"));
        if (!Page.Url.StartsWith(App.Identity.Issuer)) return;
        await Page.Locator("input[name=login]").FillAsync(account.Login);
        await Page.Locator("input[name=password]").FillAsync("irrelevant");
        await Page.Locator("button[type=submit]").ClickAsync();
        await Page.WaitForURLAsync(url => url.StartsWith(App.BaseUrl) && !url.Contains("/signin-oidc") && !url.Contains("/anmelden/entra"));
    }

    private async Task MapAsync(string group, string role, string? unitKey)
    {
        await using var db = App.Data.Open(UnitScope.System);
        var unitId = unitKey is null ? (int?)null : await db.OrgUnits.Where(u => u.Key == unitKey).Select(u => u.Id).SingleAsync();
        if (await db.EntraGroupMappings.AnyAsync(m => m.GroupId == group && m.Role == role && m.OrgUnitId == unitId)) return;
        db.EntraGroupMappings.Add(new EntraGroupMapping { GroupId = group, Label = "Test " + role, Role = role, OrgUnitId = unitId });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_county_account_whose_group_is_mapped_signs_in_with_its_role_and_units()
    {
        await MapAsync(OidcProvider.ClerksOf501, Roles.Clerk, "50.1");
        await SignInWithEntraAsync(OidcProvider.Anna, "/anmelden?ReturnUrl=%2Fposteingang");
        await WaitForCircuitAsync();
        Assert.EndsWith("/posteingang", Page.Url);
        await Assertions.Expect(Page.GetByTestId("current-user")).ToContainTextAsync("Anna Entra");
        await Assertions.Expect(Page.GetByTestId("current-user")).ToContainTextAsync("Sachbearbeitung");
        await Assertions.Expect(Page.GetByTestId("inbox-count")).ToBeVisibleAsync();

        await using var db = App.Data.Open(UnitScope.System);
        var user = await db.Users.Include(u => u.Units).ThenInclude(u => u.OrgUnit).SingleAsync(u => u.EntraObjectId == OidcProvider.Anna.ObjectId);
        Assert.Equal(OidcProvider.Anna.Login, user.UserName);
        Assert.Equal(Roles.Clerk, user.Role);
        Assert.Equal(["50.1"], user.Units.Select(u => u.OrgUnit!.Key));
        Assert.Null(user.PasswordHash); // no local password: the county account signs in at Entra ID only
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "signin-entra" && e.EntityId == user.Id));
    }

    [Fact]
    public async Task An_account_without_a_mapped_group_is_told_whom_to_ask_and_gets_in_once_an_administrator_maps_its_group()
    {
        await SignInWithEntraAsync(OidcProvider.Otto);
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Kein Zugang zum BackOffice");
        await Assertions.Expect(Page.GetByTestId("no-access-reason")).ToContainTextAsync("noch keine Rolle eingerichtet");
        await Assertions.Expect(Page.GetByTestId("no-access-contact")).ToHaveTextAsync("IT-Service, Telefon 1234");
        await AssertAccessibleAsync();
        // Nothing else opens: the inbox sends to the sign-in page.
        await Page.GotoAsync("/posteingang");
        await Page.WaitForURLAsync("**/anmelden**");

        // The administrator maps Otto's group in the UI.
        await SignInAsync("admin");
        await Page.GotoAsync("/verwaltung/entra-gruppen");
        await WaitForCircuitAsync();
        await Page.GetByLabel("Objekt-ID der Gruppe").FillAsync("keine-guid");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zuordnen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("groups-message")).ToContainTextAsync("GUID");
        await Page.GetByLabel("Objekt-ID der Gruppe").FillAsync(OidcProvider.NotMapped.ToUpperInvariant());
        await Page.GetByLabel("Bezeichnung").FillAsync("GG-BackOffice-Poststelle");
        await Page.GetByLabel("Rolle").SelectOptionAsync(Roles.MailRoom);
        int mailRoom;
        await using (var db = App.Data.Open(UnitScope.System)) mailRoom = await db.OrgUnits.Where(u => u.Key == "10.1").Select(u => u.Id).SingleAsync();
        await Page.GetByLabel("Einheit").SelectOptionAsync(new SelectOptionValue { Value = mailRoom.ToString() });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zuordnen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("groups-message")).ToContainTextAsync("Rolle Poststelle");
        await Assertions.Expect(Page.GetByTestId("groups-grid")).ToContainTextAsync(OidcProvider.NotMapped);
        await AssertAccessibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync();
        await Page.WaitForURLAsync("**/anmelden?abgemeldet=1");

        await SignInWithEntraAsync(OidcProvider.Otto);
        await WaitForCircuitAsync();
        await Assertions.Expect(Page.GetByTestId("current-user")).ToContainTextAsync("Otto Ohnegruppe");
        await Assertions.Expect(Page.GetByTestId("current-user")).ToContainTextAsync("Poststelle");
    }

    [Fact]
    public async Task Groups_that_give_two_roles_are_refused_rather_than_guessed()
    {
        await MapAsync(OidcProvider.ClerksOf501, Roles.Clerk, "50.1");
        await MapAsync(OidcProvider.HeadsOf50, Roles.Head, "50");
        await SignInWithEntraAsync(OidcProvider.Doris);
        await Assertions.Expect(Page.GetByTestId("no-access-reason")).ToContainTextAsync("mehrere Rollen");
        await using var db = App.Data.Open(UnitScope.System);
        Assert.False(await db.Users.AnyAsync(u => u.EntraObjectId == OidcProvider.Doris.ObjectId));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "signin-entra-refused" && e.EntityId == OidcProvider.Doris.ObjectId));
    }

    [Fact]
    public async Task Cancelling_at_the_provider_comes_back_to_the_sign_in_page_with_a_German_message()
    {
        var logBefore = App.Log.Length;
        await Page.GotoAsync("/anmelden");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Mit Entra ID anmelden" }).ClickAsync();
        await Page.WaitForURLAsync(url => url.StartsWith(App.Identity.Issuer + "/interaction"));
        await Page.GetByText("Cancel").ClickAsync(); // the provider's "[ Cancel ]"
        await Page.WaitForURLAsync("**/anmelden?entra=abgebrochen");
        await Assertions.Expect(Page.GetByTestId("signin-error")).ToContainTextAsync("wurde abgebrochen");
        // Handled, not an error page (the OIDC handler itself logs the provider's "access_denied").
        Assert.DoesNotContain("Exception", App.Log[logBefore..]);
    }
}

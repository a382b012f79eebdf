using BackOffice.Data;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BackOffice.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class ShellTests(RunningApp app) : BrowserTest(app)
{
    [Fact]
    public async Task The_sign_in_page_is_accessible_and_German()
    {
        await Page.GotoAsync("/anmelden");
        Assert.Equal("de", await Page.GetAttributeAsync("html", "lang"));
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Anmelden" })).ToBeVisibleAsync();
        // The app's font and a plain background, as on every other page (not the browser's serif and the theme's blurred shape).
        Assert.StartsWith("\"Source Sans Pro\"", await Page.EvaluateAsync<string>("() => getComputedStyle(document.body).fontFamily"));
        Assert.Equal("none", await Page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundImage"));
        await AssertAccessibleAsync();
    }

    [Theory]
    [InlineData("clerk", "Anna Becker", "Übersicht|Posteingang|Meine Vorgänge|Akten|Postausgang")]
    [InlineData("clerk2", "Jonas Wagner", "Übersicht|Posteingang|Meine Vorgänge|Akten|Postausgang")]
    [InlineData("head", "Dr. Petra Hoffmann", "Übersicht|Posteingang|Vorgänge|Akten|Postausgang|Dashboard|Statistiken")]
    [InlineData("controller", "Markus Schneider", "Statistiken")]
    [InlineData("mailroom", "Sabine Koch", "Posteingang|Scanstelle")]
    [InlineData("admin", "Tobias Krüger", "Verwaltung")]
    public async Task Each_demo_user_sees_the_navigation_of_their_role(string user, string name, string entries)
    {
        await SignInAsync(user);
        await Assertions.Expect(Page.GetByTestId("current-user")).ToContainTextAsync(name);
        var nav = Page.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" });
        var links = await nav.Locator(".rz-navigation-item-text").AllInnerTextsAsync();
        // "Posteingang (12 neu)": the count of new, unassigned items follows the name.
        Assert.Equal(entries.Split('|'), links.Select(l => System.Text.RegularExpressions.Regex.Replace(l.Trim(), @" \(\d+ neu\)$", "")));
        await AssertAccessibleAsync();
    }

    [Fact]
    public async Task Keyboard_users_can_sign_in_and_skip_to_the_content()
    {
        await Page.GotoAsync("/anmelden");
        await GiveKeyboardFocusAsync();
        await Page.Keyboard.PressAsync("Tab");
        Assert.Equal("Zum Inhalt springen", await Page.EvaluateAsync<string>("document.activeElement.textContent"));
        await Page.Keyboard.PressAsync("Tab");
        Assert.Equal("username", await Page.EvaluateAsync<string>("document.activeElement.id"));
        await Page.Keyboard.TypeAsync("clerk2");
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync(Features.Demo.DemoCounty.Password);
        await Page.Keyboard.PressAsync("Enter");
        await Page.WaitForURLAsync(url => !url.Contains("/anmelden"));
        await WaitForCircuitAsync();
        // A clerk starts on the overview: their due Wiedervorlagen.
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Übersicht", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByTestId("due-resubmissions")).ToBeVisibleAsync();

        await GiveKeyboardFocusAsync();
        await Page.Keyboard.PressAsync("Tab");
        var first = Page.Locator(":focus");
        await Assertions.Expect(first).ToHaveTextAsync("Zum Inhalt springen");
        await Assertions.Expect(first).ToBeInViewportAsync(); // visible when focused
        await Page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await Page.EvaluateAsync<string>("document.activeElement.id"));
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        await SignInAsync("head");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("abgemeldet");
        await Page.GotoAsync("/vorgaenge");
        Assert.Contains("/anmelden", Page.Url);
    }

    [Fact]
    public async Task Wrong_passwords_lock_the_account()
    {
        // An account of its own, so that locking it cannot disturb the other tests.
        const string user = "sperrtest";
        await using (var db = App.Data.Open(UnitScope.System))
        {
            var account = new AppUser
            {
                UserName = user, NormalizedUserName = user.ToUpperInvariant(), DisplayName = "Sperr Test", Role = Roles.Clerk,
                LockoutEnabled = true, SecurityStamp = Guid.NewGuid().ToString("N"),
            };
            account.PasswordHash = new Microsoft.AspNetCore.Identity.PasswordHasher<AppUser>().HashPassword(account, Features.Demo.DemoCounty.Password);
            db.Users.Add(account);
            await db.SaveChangesAsync();
        }

        async Task AttemptAsync(string password)
        {
            await Page.GotoAsync("/anmelden");
            await Page.GetByLabel("Benutzername").FillAsync(user);
            await Page.GetByLabel("Passwort").FillAsync(password);
            await Page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
            await Assertions.Expect(Page.GetByTestId("signin-error")).ToBeVisibleAsync();
        }

        for (var i = 0; i < Features.Access.AccessSetup.MaxFailedSignIns; i++) await AttemptAsync("falsch-" + i);
        await Assertions.Expect(Page.GetByTestId("signin-error")).ToContainTextAsync("gesperrt");
        await AttemptAsync(Features.Demo.DemoCounty.Password);
        await Assertions.Expect(Page.GetByTestId("signin-error")).ToContainTextAsync("gesperrt");
        Assert.Contains("/anmelden", Page.Url);
        await AssertAccessibleAsync(); // the error state too
    }
}

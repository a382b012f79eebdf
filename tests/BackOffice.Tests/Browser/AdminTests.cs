using BackOffice.Data;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BackOffice.Tests.Browser;

/// <summary>The administration's pages, as an administrator uses them.</summary>
[Collection(BrowserCollection.Name)]
public class AdminTests(RunningApp app) : BrowserTest(app)
{
    [Fact]
    public async Task An_administrator_unlocks_a_locked_account_by_keyboard()
    {
        await using (var db = App.Data.Open(UnitScope.System))
        {
            var user = await db.Users.SingleAsync(u => u.UserName == "clerk2");
            (user.LockoutEnd, user.AccessFailedCount) = (DateTimeOffset.UtcNow.AddMinutes(15), 0);
            await db.SaveChangesAsync();
        }
        await SignInAsync("admin");
        await Page.GotoAsync("/verwaltung");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Benutzerkonten" }).ClickAsync();
        await WaitForCircuitAsync();
        await Page.GetByLabel("nur gesperrte").CheckAsync();
        await Page.GetByLabel("Name oder Benutzername").FillAsync("clerk2"); // other tests may lock other accounts
        await Page.GetByLabel("Name oder Benutzername").PressAsync("Tab");
        await Assertions.Expect(Page.GetByTestId("users-count")).ToHaveTextAsync("1 Konto");
        await Assertions.Expect(Page.GetByTestId("users-grid")).ToContainTextAsync("gesperrt bis");
        await AssertAccessibleAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "clerk2 entsperren" }).FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Page.GetByTestId("users-message")).ToContainTextAsync("„clerk2“ ist entsperrt");
        await Assertions.Expect(Page.GetByTestId("users-message")).ToBeFocusedAsync(); // its row and button are gone
        await Assertions.Expect(Page.GetByTestId("users-count")).ToHaveTextAsync("0 Konten");
        await using (var db = App.Data.Open(UnitScope.System))
            Assert.Null((await db.Users.SingleAsync(u => u.UserName == "clerk2")).LockoutEnd);
    }
}

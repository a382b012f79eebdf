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

    [Fact]
    public async Task An_administrator_creates_an_account_whose_first_password_works_once_shown_and_switches_it_off()
    {
        await SignInAsync("admin");
        await Page.GotoAsync("/verwaltung/benutzer");
        await WaitForCircuitAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Neues Konto" }).ClickAsync();
        var editor = Page.GetByTestId("user-editor");
        await editor.GetByLabel("Benutzername", new() { Exact = true }).FillAsync("j.juergens");
        await editor.GetByLabel("Name", new() { Exact = true }).FillAsync("Jürgen Jürgens");
        await editor.GetByLabel("Rolle").SelectOptionAsync(Roles.Clerk);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Konto anlegen" }).ClickAsync();
        // No unit chosen: refused, and what was typed stays.
        await Assertions.Expect(Page.GetByTestId("users-message")).ToContainTextAsync("mindestens eine");
        await Assertions.Expect(editor.GetByLabel("Benutzername", new() { Exact = true })).ToHaveValueAsync("j.juergens");
        await editor.GetByLabel("50.2 ", new() { Exact = false }).First.CheckAsync();
        await AssertAccessibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Konto anlegen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("users-message")).ToContainTextAsync("„j.juergens“ ist angelegt");
        await Assertions.Expect(Page.GetByTestId("users-message")).ToBeFocusedAsync();
        var password = await Page.GetByTestId("new-password").InnerTextAsync();
        Assert.Equal(16, password.Length);

        // The new person signs in with it, in a browser of their own, and must first choose a password of their own:
        // nothing else opens until then, so that the administrator does not know a password in use.
        const string own = "Eigenes-Passwort-2026!";
        await using (var other = await App.Browser.NewContextAsync(new() { BaseURL = App.BaseUrl, Locale = "de-DE" }))
        {
            var page = await SignInElsewhereAsync(other, "j.juergens", password);
            await page.WaitForURLAsync(url => url.Contains("/passwort-aendern"));
            await Assertions.Expect(page.GetByTestId("must-change")).ToBeVisibleAsync();
            await AssertAccessibleAsync(page);
            await page.GotoAsync("/posteingang");
            await page.WaitForURLAsync(url => url.Contains("/passwort-aendern"));
            async Task ChangeAsync(string current, string next, string repeat)
            {
                await page.GetByLabel("Bisheriges Passwort").FillAsync(current);
                await page.GetByLabel("Neues Passwort", new() { Exact = true }).FillAsync(next);
                await page.GetByLabel("Neues Passwort wiederholen").FillAsync(repeat);
                await page.GetByRole(AriaRole.Button, new() { Name = "Passwort ändern" }).ClickAsync();
            }
            await ChangeAsync(password, "kurz", "kurz");
            await Assertions.Expect(page.GetByTestId("password-error")).ToContainTextAsync("zu kurz: mindestens 12 Zeichen");
            await ChangeAsync("falsch-falsch-1", own, own);
            await Assertions.Expect(page.GetByTestId("password-error")).ToContainTextAsync("Das bisherige Passwort stimmt nicht.");
            await ChangeAsync(password, own, own + "x");
            await Assertions.Expect(page.GetByTestId("password-error")).ToContainTextAsync("stimmen nicht überein");
            await ChangeAsync(password, own, own);
            await Assertions.Expect(page.GetByTestId("password-changed")).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Weiter zum BackOffice" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("current-user")).ToContainTextAsync("Jürgen Jürgens");
        }
        await using (var db = App.Data.Open(UnitScope.System))
        {
            var id = await db.Users.Where(u => u.UserName == "j.juergens").Select(u => u.Id).SingleAsync();
            var trail = await db.AuditEvents.Where(e => e.EntityId == id).Select(e => e.Action).ToListAsync();
            Assert.Contains("password-changed", trail);
            Assert.Contains("password-change-failed", trail);
        }

        // Shown once: a reload of the page does not show it again.
        await Page.ReloadAsync();
        await WaitForCircuitAsync();
        await Assertions.Expect(Page.GetByTestId("new-password")).ToHaveCountAsync(0);
        await Page.GetByLabel("Name oder Benutzername").FillAsync("juergens");
        await Page.GetByLabel("Name oder Benutzername").PressAsync("Tab");
        await Assertions.Expect(Page.GetByTestId("users-count")).ToHaveTextAsync("1 Konto");
        // A reset asks first; then the new password is shown once and must be changed again.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Passwort zurücksetzen für j.juergens" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("new-password")).ToHaveCountAsync(0);
        await Assertions.Expect(Page.GetByText("Wirklich zurücksetzen?")).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Nein" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Passwort zurücksetzen für j.juergens" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Ja, zurücksetzen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("new-password")).ToHaveCountAsync(1);
        await using (var db = App.Data.Open(UnitScope.System))
            Assert.True(await db.Users.Where(u => u.UserName == "j.juergens").Select(u => u.MustChangePassword).SingleAsync());
        var reset = await Page.GetByTestId("new-password").InnerTextAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "j.juergens abschalten" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("users-message")).ToContainTextAsync("abgeschaltet");
        await Assertions.Expect(Page.GetByTestId("users-grid")).ToContainTextAsync("lokales Konto, Anmeldung abgeschaltet");

        // Switched off: the right password no longer signs in, and says why.
        await using (var other = await App.Browser.NewContextAsync(new() { BaseURL = App.BaseUrl, Locale = "de-DE" }))
        {
            var page = await SignInElsewhereAsync(other, "j.juergens", reset);
            await Assertions.Expect(page.GetByTestId("signin-error")).ToContainTextAsync("abgeschaltet");
        }
    }

    /// <summary>Another person's browser: the sign-in form filled and sent.</summary>
    private static async Task<IPage> SignInElsewhereAsync(IBrowserContext context, string user, string password)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/anmelden");
        await page.GetByLabel("Benutzername", new() { Exact = true }).FillAsync(user);
        await page.GetByLabel("Passwort").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        return page;
    }

    [Fact]
    public async Task The_organisation_tree_shows_every_level_and_takes_a_new_team()
    {
        await SignInAsync("admin");
        await Page.GotoAsync("/verwaltung/einheiten");
        await WaitForCircuitAsync();
        await Assertions.Expect(Page.GetByTestId("units-tree")).ToContainTextAsync("50.1");
        await AssertAccessibleAsync();
        int parent;
        await using (var db = App.Data.Open(UnitScope.System)) parent = await db.OrgUnits.Where(u => u.Key == "32.2").Select(u => u.Id).SingleAsync();
        await Page.GetByLabel("Gehört zu").SelectOptionAsync(new SelectOptionValue { Value = parent.ToString() });
        await Page.GetByLabel("Kürzel").FillAsync("32.2.9");
        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync("Team Gewerbeüberwachung");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Einheit anlegen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("units-message")).ToContainTextAsync("Team „32.2.9 Team Gewerbeüberwachung“");
        await Assertions.Expect(Page.GetByTestId("units-tree")).ToContainTextAsync("32.2.9 Team Gewerbeüberwachung");

        // Renamed by keyboard: the field takes focus, Enter saves what was typed.
        await Page.GetByRole(AriaRole.Button, new() { Name = "32.2.9 Team Gewerbeüberwachung umbenennen" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#unit-rename")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(" Nord");
        await Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Page.GetByTestId("units-message")).ToContainTextAsync("heißt jetzt „Team Gewerbeüberwachung Nord“");
        await Assertions.Expect(Page.GetByTestId("units-tree")).ToContainTextAsync("32.2.9 Team Gewerbeüberwachung Nord");
    }

    [Fact]
    public async Task An_administrator_has_the_audit_chain_checked_from_the_administration()
    {
        await SignInAsync("admin");
        await Page.GotoAsync("/verwaltung");
        await WaitForCircuitAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Protokoll prüfen" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Protokollkette prüfen" }).ClickAsync();
        var result = Page.GetByTestId("audit-check-result");
        await Assertions.Expect(result).ToContainTextAsync("Die Protokollkette ist unversehrt");
        await Assertions.Expect(result).ToBeFocusedAsync();
        await AssertAccessibleAsync();
        await using var db = App.Data.Open(UnitScope.System);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "audit-verified" && e.Actor == "admin"));
    }

    [Fact]
    public async Task An_administrator_words_the_letterhead_and_a_bescheid_needs_its_rechtsbehelfsbelehrung()
    {
        await SignInAsync("admin");
        await Page.GotoAsync("/verwaltung");
        await WaitForCircuitAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Briefkopf und Briefvorlagen" }).ClickAsync();
        await Page.GetByLabel("Telefon").FillAsync("03901 500-4711");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Briefkopf speichern" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("templates-message")).ToContainTextAsync("Briefkopf ist gespeichert");
        var bescheid = Page.GetByTestId("template-Bescheid");
        var remedy = await bescheid.GetByLabel("Rechtsbehelfsbelehrung").InputValueAsync();
        await bescheid.GetByLabel("Rechtsbehelfsbelehrung").FillAsync("");
        await bescheid.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("templates-message")).ToContainTextAsync("Ein Bescheid braucht eine Rechtsbehelfsbelehrung");
        // A template of its own: a Schreiben the clerks can choose, which leaves the case's status.
        var added = Page.GetByTestId("template-new");
        await added.GetByLabel("Name der Vorlage").FillAsync("Eingangsbestätigung");
        await added.GetByLabel("Art").SelectOptionAsync(new SelectOptionValue { Label = "Schreiben: Status bleibt" });
        await added.GetByLabel("Betreff").FillAsync("Ihr Antrag ist eingegangen: {Aktenzeichen}");
        await added.GetByLabel("Text", new() { Exact = false }).Last.FillAsync("Sehr geehrte Damen und Herren,\n\nIhr Antrag ist bei uns eingegangen.");
        await added.GetByRole(AriaRole.Button, new() { Name = "Vorlage anlegen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("templates-message")).ToContainTextAsync("Die Vorlage „Eingangsbestätigung“ ist gespeichert");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Vorlage Eingangsbestätigung" })).ToBeVisibleAsync();
        await AssertAccessibleAsync();
        await using var db = App.Data.Open(UnitScope.System);
        Assert.Equal("03901 500-4711", (await db.Letterheads.SingleAsync()).Phone);
        Assert.Equal(remedy, (await db.LetterTemplates.Where(t => t.Kind == LetterKind.Bescheid).OrderBy(t => t.Id).FirstAsync()).RemedyNotice); // refused: unchanged
        Assert.Equal(LetterKind.Schreiben, (await db.LetterTemplates.SingleAsync(t => t.Name == "Eingangsbestätigung")).Kind);
    }

    [Fact]
    public async Task An_administrator_exports_a_due_file_and_deletes_it_only_with_its_aktenzeichen()
    {
        string reference;
        await using (var db = App.Data.Open(UnitScope.System))
            reference = await db.CaseFiles.Where(f => f.RetainUntil != null && f.RetainUntil <= DateTime.UtcNow).OrderByDescending(f => f.Id).Select(f => f.Reference).FirstAsync();
        await SignInAsync("admin");
        await Page.GotoAsync("/verwaltung");
        await WaitForCircuitAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Aussonderung" }).ClickAsync();
        var row = Page.GetByTestId("retention-due").GetByRole(AriaRole.Row).Filter(new() { HasText = reference });
        await Assertions.Expect(row).ToContainTextAsync("Paket herunterladen"); // deletion only after the export: RetentionTests
        await AssertAccessibleAsync();

        var download = await Page.RunAndWaitForDownloadAsync(() => row.GetByRole(AriaRole.Link, new() { Name = "Paket herunterladen" }).ClickAsync());
        Assert.EndsWith(".zip", download.SuggestedFilename);
        using (var archive = System.IO.Compression.ZipFile.OpenRead(await download.PathAsync()))
            Assert.NotNull(archive.GetEntry("akte.xml"));

        var confirm = row.GetByLabel("Aktenzeichen zur Bestätigung");
        await confirm.FillAsync("falsch");
        await row.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("retention-message")).ToContainTextAsync("genau so eingeben");
        await confirm.FillAsync(reference);
        await row.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("retention-message")).ToContainTextAsync($"Die Akte {reference} ist gelöscht");
        await Assertions.Expect(Page.GetByTestId("retention-due").GetByRole(AriaRole.Row).Filter(new() { HasText = reference })).ToHaveCountAsync(0);
        await using var check = App.Data.Open(UnitScope.System);
        Assert.False(await check.CaseFiles.AnyAsync(f => f.Reference == reference));
        Assert.True(await check.DeletedFiles.AnyAsync(d => d.Reference == reference && d.DeletedBy == "admin"));
    }

    [Fact]
    public async Task An_administrator_exports_the_file_plan_edits_it_in_excel_and_imports_it_and_a_bad_file_changes_nothing()
    {
        await SignInAsync("admin");
        await Page.GotoAsync("/verwaltung");
        await WaitForCircuitAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Aktenplan", Exact = true }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("plan-table")).ToContainTextAsync("Eingliederungshilfe");
        await AssertAccessibleAsync();
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Link, new() { Name = "Aktenplan herunterladen" }).ClickAsync());
        var csv = await File.ReadAllBytesAsync(await download.PathAsync());
        var text = System.Text.Encoding.UTF8.GetString(csv).TrimStart('\uFEFF');

        // Excel saved it with a new entry; a second file with a broken line is refused whole.
        var good = text + "90;Archivgut der Kreisverwaltung;;30;Abschluss;\r\n";
        await Page.Locator("#plan-import").SetInputFilesAsync(new FilePayload { Name = "Aktenplan.csv", MimeType = "text/csv", Buffer = [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(good)] });
        // Choosing the file only shows what it would change; nothing changes before "Übernehmen".
        await Assertions.Expect(Page.GetByTestId("plan-message")).ToContainTextAsync("Neu: 90 Archivgut der Kreisverwaltung. Geändert: keine.");
        await using (var before = App.Data.Open(UnitScope.System))
            Assert.False(await before.FilePlanEntries.AnyAsync(e => e.Code == "90"));
        await AssertAccessibleAsync();
        await Page.GetByTestId("plan-confirm").GetByRole(AriaRole.Button, new() { Name = "Übernehmen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("plan-message")).ToContainTextAsync("Der Aktenplan ist übernommen");
        await Assertions.Expect(Page.GetByTestId("plan-table")).ToContainTextAsync("Archivgut der Kreisverwaltung");
        var bad = text + "91;Kaputt;88;30;Abschluss;\r\n";
        await Page.Locator("#plan-import").SetInputFilesAsync(new FilePayload { Name = "Aktenplan2.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(bad) });
        await Assertions.Expect(Page.GetByTestId("plan-message")).ToContainTextAsync("Den übergeordneten Eintrag 88 gibt es nicht");
        await using var db = App.Data.Open(UnitScope.System);
        Assert.True(await db.FilePlanEntries.AnyAsync(e => e.Code == "90"));
        Assert.False(await db.FilePlanEntries.AnyAsync(e => e.Code == "91"));
    }
}

using BackOffice.Data;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BackOffice.Tests.Browser;

/// <summary>The mail room's Scanstelle in the browser: upload, the proposal beside the scan, Enter routes it; a broken file waits under "Fehler".</summary>
[Collection(BrowserCollection.Name)]
public class ScanningTests(RunningApp app) : BrowserTest(app)
{
    [Fact]
    public async Task The_mail_room_uploads_scans_confirms_the_proposal_with_Enter_and_sees_a_broken_file_under_errors()
    {
        string reference;
        await using (var db = App.Data.Open(UnitScope.System))
            reference = await db.Cases.Where(c => c.Unit!.Key == "50.1" && c.Status < CaseStatus.Entschieden).OrderBy(c => c.Id).Select(c => c.Reference).FirstAsync();
        var subject = $"Scan {Guid.NewGuid():N}"[..13];
        var scan = await Scans.ScanAsync(subject, reference);

        await SignInAsync("mailroom");
        await Page.GotoAsync("/scanstelle");
        await WaitForCircuitAsync();
        await Page.Locator("#scan-files").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "Brief Müller.pdf", MimeType = "application/pdf", Buffer = scan },
            new FilePayload { Name = "kaputt.pdf", MimeType = "application/pdf", Buffer = scan[..(scan.Length / 3)] },
        });
        await Assertions.Expect(Page.GetByTestId("scan-message")).ToContainTextAsync("„Brief Müller.pdf“ ist übernommen");

        // Read in the background; the page shows it when it is ready (text recognition takes seconds).
        var check = Page.GetByTestId("scan-check");
        await Assertions.Expect(check).ToContainTextAsync("Brief Müller.pdf", new() { Timeout = 60_000 });
        await Assertions.Expect(Page.GetByTestId("scan-proposal")).ToContainTextAsync(reference);
        await Assertions.Expect(Page.GetByTestId("scan-failures")).ToContainTextAsync("kaputt.pdf", new() { Timeout = 60_000 });
        await Assertions.Expect(Page.GetByTestId("scan-failures")).ToContainTextAsync("beschädigt");
        await Assertions.Expect(Page.GetByTestId("scan-pages").GetByRole(AriaRole.Img, new() { Name = "Seite 1" })).ToBeVisibleAsync();
        // The thumbnail is drawn (it loads lazily, so its load is waited for).
        await Page.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=scan-pages] img'); return i !== null && i.complete && i.naturalWidth > 0; }");
        await AssertAccessibleAsync();

        // Keyboard: every page compared with the paper (the quality check, by default for every document), then Enter in the subject confirms.
        await Page.GetByLabel("Qualitätsprüfung").FocusAsync();
        await Page.Keyboard.PressAsync("Space");
        await Page.GetByLabel("Betreff").FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Page.GetByTestId("scan-message")).ToContainTextAsync($"dem Vorgang {reference} zugeordnet");
        await using (var db = App.Data.Open(UnitScope.System))
        {
            var itemId = await db.ScanDocuments.Where(d => d.Batch!.FileName == "Brief Müller.pdf" && d.State == ScanDocumentState.Confirmed)
                .OrderByDescending(d => d.Id).Select(d => d.InboxItemId).FirstAsync();
            var item = await db.InboxItems.Include(i => i.Unit).SingleAsync(i => i.Id == itemId);
            Assert.Equal("50.1", item.Unit!.Key);
            Assert.Equal(Channel.Papier, item.Channel);
        }

        await Page.GetByRole(AriaRole.Button, new() { Name = "kaputt.pdf verwerfen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("scan-message")).ToContainTextAsync("verworfen");
        await Assertions.Expect(Page.GetByTestId("scan-failures")).Not.ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_clerk_cannot_open_the_Scanstelle()
    {
        await SignInAsync("clerk");
        await Page.GotoAsync("/scanstelle");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Kein Zugriff" })).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Scanstelle" })).Not.ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_mail_room_prints_separator_sheets_and_lists_the_paper_originals_due()
    {
        await SignInAsync("mailroom");
        await Page.GotoAsync("/scanstelle");
        await WaitForCircuitAsync();
        await Page.GetByText("Trennblätter drucken").ClickAsync();
        await Page.GetByLabel("Trennblatt").SelectOptionAsync(new SelectOptionValue { Label = "je Organisationseinheit eines (alle)" });
        var link = Page.GetByRole(AriaRole.Link, new() { Name = "PDF zum Drucken öffnen" });
        await Assertions.Expect(link).ToHaveAttributeAsync("href", "scanstelle/trennblaetter.pdf?ziel=alle");
        var pdf = await Page.APIRequest.GetAsync(App.BaseUrl + "/scanstelle/trennblaetter.pdf?ziel=alle");
        Assert.Equal(200, pdf.Status);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.BodyAsync())[..4]));
        await AssertAccessibleAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "Papieroriginale zur Vernichtung" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Papieroriginale" })).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByTestId("originals-count")).ToContainTextAsync("zur Vernichtung fällig");
        await AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_administration_keeps_rules_and_the_threshold_and_sees_what_the_routing_learned()
    {
        await SignInAsync("admin");
        await Page.GotoAsync("/verwaltung");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Scanstelle" }).ClickAsync();
        await WaitForCircuitAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Scanstelle einstellen" })).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByTestId("scan-learning")).ToContainTextAsync("Noch nicht gelernt");

        var rules = Page.GetByTestId("scan-rule-form");
        await rules.GetByLabel("Organisationseinheit").SelectOptionAsync(new SelectOptionValue { Label = "50.2 Kindertagespflege" });
        await rules.GetByLabel("Vergleich").SelectOptionAsync(new SelectOptionValue { Label = "regulärer Ausdruck" });
        await rules.GetByLabel("Wörter, Wortlaut oder Muster").FillAsync("(Wohngeld");
        await rules.GetByRole(AriaRole.Button, new() { Name = "Regel anlegen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("scan-admin-message")).ToContainTextAsync("kein gültiger regulärer Ausdruck");
        await rules.GetByLabel("Vergleich").SelectOptionAsync(new SelectOptionValue { Label = "eines der Wörter" });
        await rules.GetByLabel("Wörter, Wortlaut oder Muster").FillAsync("Tagesmutter Kindertagespflege");
        await rules.GetByRole(AriaRole.Button, new() { Name = "Regel anlegen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("scan-admin-message")).ToContainTextAsync("Die Regel ist angelegt");
        await Assertions.Expect(Page.GetByTestId("scan-rules")).ToContainTextAsync("Tagesmutter Kindertagespflege");

        await Page.GetByLabel("Ohne Prüfung weiterleiten ab").FillAsync("95");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Einstellungen speichern" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("scan-admin-message")).ToContainTextAsync("gespeichert");
        await AssertAccessibleAsync();

        await Page.ReloadAsync();
        await WaitForCircuitAsync();
        await Assertions.Expect(Page.GetByLabel("Ohne Prüfung weiterleiten ab")).ToHaveValueAsync("95");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Regel Tagesmutter Kindertagespflege löschen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("scan-admin-message")).ToContainTextAsync("gelöscht");
        await Page.GetByLabel("Ohne Prüfung weiterleiten ab").FillAsync("");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Einstellungen speichern" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("scan-admin-message")).ToContainTextAsync("gespeichert");
    }

    [Fact]
    public async Task A_document_another_desk_checked_is_not_swapped_under_the_users_hands()
    {
        await using (var db = App.Data.Open(UnitScope.System))
            await db.ScanDocuments.Where(d => d.State == ScanDocumentState.ToCheck).ExecuteUpdateAsync(u => u.SetProperty(d => d.State, ScanDocumentState.Rejected));
        await SignInAsync("mailroom");
        await Page.GotoAsync("/scanstelle");
        await WaitForCircuitAsync();
        await Page.Locator("#scan-files").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "Platz eins.pdf", MimeType = "application/pdf", Buffer = await Scans.ScanAsync("Erster Platz") },
            new FilePayload { Name = "Platz zwei.pdf", MimeType = "application/pdf", Buffer = await Scans.ScanAsync("Zweiter Platz") },
        });
        await Assertions.Expect(Page.GetByTestId("scan-check")).ToContainTextAsync("Platz eins.pdf", new() { Timeout = 60_000 });
        await Assertions.Expect(Page.GetByTestId("scan-counts")).ToContainTextAsync("2 Dokumente warten", new() { Timeout = 60_000 });

        // A second desk confirms the same document first.
        await using var other = await App.NewContextAsync(new() { BaseURL = App.BaseUrl, Locale = "de-DE", ViewportSize = new ViewportSize { Width = 1280, Height = 720 } });
        var desk2 = await other.NewPageAsync();
        await desk2.GotoAsync("/anmelden");
        await desk2.GetByLabel("Benutzername").FillAsync("mailroom");
        await desk2.GetByLabel("Passwort").FillAsync(Features.Demo.DemoCounty.Password);
        await desk2.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await desk2.GotoAsync("/scanstelle");
        await Assertions.Expect(desk2.GetByTestId("scan-check")).ToContainTextAsync("Platz eins.pdf");
        await desk2.GetByLabel("Organisationseinheit").First.SelectOptionAsync(new SelectOptionValue { Label = "50.1 Eingliederungshilfe" });
        await desk2.GetByLabel("Qualitätsprüfung").CheckAsync();
        await desk2.GetByTestId("scan-confirm").ClickAsync();
        await Assertions.Expect(desk2.GetByTestId("scan-message")).ToContainTextAsync("geleitet");

        // This desk still shows what it was looking at, says so, and its click does not confirm the next one.
        await Assertions.Expect(Page.GetByTestId("scan-taken-elsewhere")).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByTestId("scan-check")).ToContainTextAsync("Platz eins.pdf");
        await Page.GetByLabel("Qualitätsprüfung").CheckAsync();
        await Page.GetByTestId("scan-confirm").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("scan-message")).ToContainTextAsync("inzwischen geprüft");
        await Assertions.Expect(Page.GetByTestId("scan-check")).ToContainTextAsync("Platz zwei.pdf");
        await using (var db = App.Data.Open(UnitScope.System))
        {
            Assert.Equal(ScanDocumentState.ToCheck, await db.ScanDocuments.Where(d => d.Batch!.FileName == "Platz zwei.pdf").Select(d => d.State).SingleAsync());
            // Leaves no document waiting for the other tests of the Scanstelle, which expect theirs to come next.
            await db.ScanDocuments.Where(d => d.State == ScanDocumentState.ToCheck).ExecuteUpdateAsync(u => u.SetProperty(d => d.State, ScanDocumentState.Rejected));
        }
    }
}

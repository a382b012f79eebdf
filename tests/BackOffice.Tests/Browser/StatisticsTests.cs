using BackOffice.Tests.Support;
using Microsoft.Playwright;

namespace BackOffice.Tests.Browser;

/// <summary>The Statistiken page as Controlling uses it (issue 13, first part).</summary>
[Collection(BrowserCollection.Name)]
public class StatisticsTests(RunningApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Controlling_picks_a_report_previews_it_and_downloads_it_as_excel_and_csv()
    {
        await SignInAsync("controller");
        await Page.GotoAsync("/statistiken?bericht=gibt-es-nicht");
        await WaitForCircuitAsync();
        await Assertions.Expect(Page.GetByTestId("report-unknown")).ToContainTextAsync("Diesen Bericht gibt es nicht");
        var catalog = Page.GetByTestId("report-catalog");
        await Assertions.Expect(catalog.Locator("li")).ToHaveCountAsync(11);
        await Assertions.Expect(Page.GetByTestId("report-problems")).ToHaveCountAsync(0);
        await AssertAccessibleAsync();

        await catalog.GetByRole(AriaRole.Link, new() { Name = "Online-Anteil je Leistung und Monat" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Online-Anteil je Leistung und Monat" })).ToBeVisibleAsync();
        await Page.GetByLabel("von").FillAsync("2026-08-01");
        await Page.GetByLabel("bis").FillAsync("2026-11-20");
        await Page.GetByLabel("Organisationseinheit").SelectOptionAsync("50");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Vorschau" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("report-count")).ToContainTextAsync("Zeilen");
        // The result is where the eye is at 1280x720, not below the schedule and the forms.
        await Assertions.Expect(Page.GetByTestId("report-count")).ToBeInViewportAsync();
        await Assertions.Expect(Page.GetByTestId("report-count")).ToBeFocusedAsync();
        await Assertions.Expect(Page.GetByTestId("report-preview").Locator("tfoot")).ToContainTextAsync("Summe");
        await Assertions.Expect(Page.GetByTestId("report-preview").Locator("tbody")).ToContainTextAsync("Eingliederungshilfe");
        await Assertions.Expect(Page.GetByTestId("report-preview").Locator("tbody")).Not.ToContainTextAsync("Unterhaltsvorschuss");
        await AssertAccessibleAsync();

        // Exported in the background, with its progress, then downloaded.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Als Excel-Datei exportieren" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("export-progress")).ToContainTextAsync("herunterladen");
        var exported = await Page.APIRequest.GetAsync(App.BaseUrl + "/" + await Page.GetByTestId("export-download").GetAttributeAsync("href"));
        Assert.Equal(200, exported.Status);
        Assert.Equal("PK"u8.ToArray(), (await exported.BodyAsync())[..2]);
        // A reload keeps the previewed filters (they are in the address), shows their preview again, and the export: its file is still offered.
        var count = await Page.GetByTestId("report-count").TextContentAsync();
        await Page.ReloadAsync();
        await WaitForCircuitAsync();
        await Assertions.Expect(Page.GetByTestId("export-progress")).ToContainTextAsync("herunterladen");
        await Assertions.Expect(Page.GetByLabel("von", new() { Exact = true })).ToHaveValueAsync("2026-08-01");
        await Assertions.Expect(Page.GetByLabel("Organisationseinheit")).ToHaveValueAsync("50");
        await Assertions.Expect(Page.GetByTestId("report-count")).ToHaveTextAsync(count!);

        // Monthly, with these filters: listed below, until deleted.
        // (A day outside 1 to 28 the field itself refuses; the server refuses it too: ReportScheduleTests.)
        await Page.GetByLabel("Monatlich erstellen am Tag").FillAsync("3");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Planen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("schedule-message")).ToContainTextAsync("an jedem 3. des Monats");
        var schedules = Page.GetByTestId("schedules");
        await Assertions.Expect(schedules.Locator("tbody tr").Filter(new() { HasText = "Online-Anteil je Leistung und Monat" })).ToContainTextAsync("Einheit 50");
        await AssertAccessibleAsync();
        await schedules.GetByRole(AriaRole.Button, new() { Name = "Planung „Online-Anteil je Leistung und Monat“ löschen" }).First.ClickAsync();
        await schedules.GetByRole(AriaRole.Button, new() { Name = "Ja, löschen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("schedules-message")).ToContainTextAsync("gelöscht");

        var xlsx = await Page.APIRequest.GetAsync(App.BaseUrl + "/" + await Page.GetByTestId("report-xlsx").GetAttributeAsync("href"));
        Assert.Equal(200, xlsx.Status);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Headers["content-type"]);
        var csv = await Page.APIRequest.GetAsync(App.BaseUrl + "/" + await Page.GetByTestId("report-csv").GetAttributeAsync("href"));
        Assert.Equal(200, csv.Status);
        Assert.Contains("Online-Anteil", await csv.TextAsync());

        // Other filters, other figures: the preview, its links and the finished export's link go.
        await Page.GetByLabel("bis", new() { Exact = true }).FillAsync("2026-10-31");
        await Assertions.Expect(Page.GetByTestId("report-preview")).ToHaveCountAsync(0);
        await Assertions.Expect(Page.GetByTestId("export-progress")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Controlling_fills_the_official_form_and_sets_up_one_of_its_own()
    {
        await SignInAsync("controller");
        await Page.GotoAsync("/statistiken?bericht=eingaenge-je-gemeinde");
        await WaitForCircuitAsync();
        var forms = Page.GetByTestId("official-forms");
        await Assertions.Expect(forms).ToContainTextAsync("OZG-Meldung an das Land (Vordruck OZG-3)");
        await Page.GetByLabel("von", new() { Exact = true }).FillAsync("2026-08-01");
        await Page.GetByLabel("bis", new() { Exact = true }).FillAsync("2026-10-31");
        await forms.GetByRole(AriaRole.Button, new() { Name = "„OZG-Meldung an das Land (Vordruck OZG-3)“ mit den Filtern oben ausfüllen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("form-download")).ToContainTextAsync("OZG-Meldung_2026-08-01_2026-10-31.xlsx");
        await AssertAccessibleAsync();
        var filled = await Page.APIRequest.GetAsync(App.BaseUrl + "/" + await Page.GetByTestId("form-download").GetAttributeAsync("href"));
        Assert.Equal(200, filled.Status);
        using (var book = new ClosedXML.Excel.XLWorkbook(new MemoryStream(await filled.BodyAsync())))
        {
            var sheet = book.Worksheet("Meldung");
            Assert.Equal("01.08.2026 bis 31.10.2026", sheet.Cell("B5").GetString());
            Assert.True(sheet.Cell("B32").GetDouble() > 0);
            Assert.Equal(sheet.Cell("B32").GetDouble(), sheet.Cell("B30").GetDouble()); // the form's own SUM over the filled rows
        }

        // A form of its own, with a German file name: uploaded, assigned, filled, deleted.
        await forms.Locator("#form-file").SetInputFilesAsync(new FilePayload
        {
            Name = "Meldung Übersicht Gemeinden.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = DemoForm(),
        });
        await Assertions.Expect(forms.GetByLabel("Bezeichnung")).ToHaveValueAsync("Meldung Übersicht Gemeinden");
        await forms.GetByRole(AriaRole.Button, new() { Name = "Hochladen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("forms-message")).ToContainTextAsync("6 benannte Zellen oder Bereiche");
        var mapping = Page.GetByTestId("form-mapping");
        await mapping.GetByLabel("Inhalt für Zeitraum").SelectOptionAsync("parameter:zeitraum");
        await mapping.GetByLabel("Inhalt für Kreisstadt_online").SelectOptionAsync("wert:Online");
        await mapping.GetByLabel("Zeile für Kreisstadt_online", new() { Exact = false }).FillAsync("Birkenfelde");
        await AssertAccessibleAsync();
        await mapping.GetByRole(AriaRole.Button, new() { Name = "Zuordnung speichern" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("forms-message")).ToContainTextAsync("2 Namen werden gefüllt");
        var row = forms.Locator("tbody tr").Filter(new() { HasText = "Meldung Übersicht Gemeinden" });
        await Assertions.Expect(row).ToContainTextAsync("2 Namen");

        // Next year's version of it: the assignments stay.
        await forms.GetByLabel("Hochladen als").SelectOptionAsync(new SelectOptionValue { Label = "neue Fassung von „Meldung Übersicht Gemeinden“ (Zuordnung bleibt)" });
        await forms.Locator("#form-file").SetInputFilesAsync(new FilePayload
        {
            Name = "Meldung Übersicht Gemeinden 2027.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = DemoForm(),
        });
        await forms.GetByRole(AriaRole.Button, new() { Name = "Hochladen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("forms-message")).ToHaveTextAsync("Neue Fassung von „Meldung Übersicht Gemeinden“ gespeichert; 2 Zuordnungen bleiben.");
        await Assertions.Expect(row).ToContainTextAsync("Meldung Übersicht Gemeinden 2027.xlsx");
        await AssertAccessibleAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Ausfüllen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("form-download")).ToContainTextAsync("Meldung Übersicht Gemeinden 2027_2026-08-01_2026-10-31.xlsx");
        await row.GetByRole(AriaRole.Button, new() { Name = "Löschen" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Ja, löschen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("forms-message")).ToContainTextAsync("gelöscht");
        await Assertions.Expect(forms.Locator("tbody tr")).ToHaveCountAsync(1);

        // Not a form: a German message, nothing kept.
        await forms.Locator("#form-file").SetInputFilesAsync(new FilePayload { Name = "Notiz.xlsx", MimeType = "application/octet-stream", Buffer = "nur Text"u8.ToArray() });
        await forms.GetByRole(AriaRole.Button, new() { Name = "Hochladen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("forms-message")).ToContainTextAsync("keine lesbare Excel-Arbeitsmappe");
        await Assertions.Expect(forms.Locator("tbody tr")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_head_fills_official_forms_but_does_not_set_them_up()
    {
        await SignInAsync("head2");
        await Page.GotoAsync("/statistiken?bericht=eingaenge-je-gemeinde");
        await WaitForCircuitAsync();
        var forms = Page.GetByTestId("official-forms");
        await Assertions.Expect(forms).ToContainTextAsync("OZG-Meldung an das Land (Vordruck OZG-3)");
        await Assertions.Expect(forms.GetByRole(AriaRole.Button, new() { Name = "Hochladen" })).ToHaveCountAsync(0);
        await Assertions.Expect(forms.GetByRole(AriaRole.Button, new() { Name = "Zuordnen" })).ToHaveCountAsync(0);
        await forms.GetByRole(AriaRole.Button, new() { Name = "Ausfüllen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("form-download")).ToBeVisibleAsync();
        await AssertAccessibleAsync();
    }

    /// <summary>The demo county's form as a file to upload, the way a controller has it.</summary>
    private static byte[] DemoForm() => File.ReadAllBytes(Path.Combine(RunningApp.RepoRoot, "src/BackOffice/Features/Demo/Forms/OZG-Meldung.xlsx"));
}

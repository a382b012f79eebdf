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
        await AssertAccessibleAsync();

        // Keyboard: into the subject, Enter confirms.
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
}

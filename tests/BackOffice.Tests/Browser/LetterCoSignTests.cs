using BackOffice.Data;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BackOffice.Tests.Browser;

/// <summary>A letter draft that survives a reload, and a Bescheid that goes only after the Schlusszeichnung.</summary>
[Collection(BrowserCollection.Name)]
public class LetterCoSignTests(RunningApp app) : BrowserTest(app)
{
    /// <summary>
    /// A paper case of 50.1 with an address, of the demo's Schulbegleitung (its Bescheide need a Schlusszeichnung) or of
    /// another service, without letters or drafts, put back to "in Bearbeitung".
    /// </summary>
    private async Task<(int Id, string Reference)> PaperCaseAsync(bool coSigned)
    {
        await using var db = App.Data.Open(UnitScope.System);
        var @case = await db.Cases.Where(c => c.Unit!.Key == "50.1" && c.Channel == Channel.Papier && c.CaseFile!.ApplicantAddress != null
                && c.Service != null && c.Service.RequiresCoSignature == coSigned && !db.LetterDrafts.Any(d => d.CaseId == c.Id) && !db.Letters.Any(l => l.CaseId == c.Id))
            .OrderByDescending(c => c.Id).FirstAsync();
        (@case.Status, @case.ClosedAt) = (CaseStatus.InBearbeitung, null);
        await db.SaveChangesAsync();
        return (@case.Id, @case.Reference);
    }

    /// <summary>Signs in, opens the case and chooses a Bescheid, which needs the Schlusszeichnung.</summary>
    private async Task WriteBescheidAsync(string user, int caseId)
    {
        await SignInAsync(user);
        await Page.GotoAsync($"/vorgaenge/{caseId}");
        await WaitForCircuitAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Brief schreiben …" }).ClickAsync();
        await Page.GetByLabel("Bescheid (Vorgang wird entschieden; mit Schlusszeichnung)").CheckAsync();
    }

    [Fact]
    public async Task A_letter_draft_survives_a_reload_and_goes_only_when_the_clerk_discards_it()
    {
        var (caseId, _) = await PaperCaseAsync(coSigned: false);
        await SignInAsync("clerk");
        await Page.GotoAsync($"/vorgaenge/{caseId}");
        await WaitForCircuitAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Brief schreiben …" }).ClickAsync();
        var body = Page.GetByLabel("Text", new() { Exact = true });
        await Assertions.Expect(body).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Sehr geehrte"));
        // A long text in Cyrillic (two bytes a character, over SignalR's default message size) is kept whole.
        var longText = "Сергей Иванов\n" + string.Concat(Enumerable.Repeat("Ж", 17_000));
        await body.FillAsync(longText);
        await Assertions.Expect(Page.GetByTestId("draft-saved")).ToContainTextAsync("Entwurf gespeichert");
        await using (var check = App.Data.Open(UnitScope.System))
            Assert.Equal(longText.Length, (await check.LetterDrafts.SingleAsync(d => d.CaseId == caseId)).Body.Length);
        const string shortText = "Sehr geehrte Frau Yılmaz,\n\nbitte reichen Sie den Bescheid der Krankenkasse nach.";
        await body.FillAsync(shortText);
        for (var i = 0; i < 50; i++) // saved a moment after the last keystroke
        {
            await using var poll = App.Data.Open(UnitScope.System);
            if ((await poll.LetterDrafts.SingleAsync(d => d.CaseId == caseId)).Body == shortText) break;
            await Task.Delay(100);
        }

        await Page.ReloadAsync();
        await WaitForCircuitAsync();
        // The page opens the letter again, as it was left.
        await Assertions.Expect(Page.GetByTestId("draft-restored")).ToContainTextAsync("ist wiederhergestellt");
        await Assertions.Expect(Page.GetByLabel("Text", new() { Exact = true })).ToHaveValueAsync(shortText);
        await AssertAccessibleAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Entwurf verwerfen" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Ja, verwerfen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("draft-saved")).ToContainTextAsync("verworfen");
        await using var db = App.Data.Open(UnitScope.System);
        Assert.False(await db.LetterDrafts.AnyAsync(d => d.CaseId == caseId));
    }

    [Fact]
    public async Task A_bescheid_is_submitted_returned_with_a_note_signed_off_by_the_head_and_sent_with_both_names()
    {
        var (caseId, reference) = await PaperCaseAsync(coSigned: true);
        await WriteBescheidAsync("clerk", caseId);
        await Assertions.Expect(Page.GetByLabel("Betreff")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^Bescheid über Ihren Antrag"));
        await Page.GetByLabel("Text", new() { Exact = true }).FillAsync("Sehr geehrte Damen und Herren,\n\ndie Schulbegleitung wird bewilligt.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Vorschau" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("letter-preview")).ToBeVisibleAsync();
        Assert.Equal(0, await Page.GetByRole(AriaRole.Button, new() { Name = "Senden", Exact = true }).CountAsync()); // it cannot go without the sign-off
        await AssertAccessibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zur Schlusszeichnung vorlegen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("case-message")).ToContainTextAsync("liegt zur Schlusszeichnung vor");

        // The head finds it on the start page, reads it and returns it with a note.
        await SignInAsync("head");
        await Page.GotoAsync("/start");
        var queue = Page.GetByTestId("cosign-queue");
        await Assertions.Expect(queue).ToContainTextAsync(reference);
        await Assertions.Expect(queue).ToContainTextAsync("von Anna Becker");
        await AssertAccessibleAsync();
        await queue.GetByRole(AriaRole.Link, new() { Name = reference, Exact = false }).ClickAsync();
        await Page.WaitForURLAsync("**/schlusszeichnung/*");
        await WaitForCircuitAsync();
        await Assertions.Expect(Page.GetByTestId("cosign-preview")).ToBeVisibleAsync();
        var preview = await Page.APIRequest.GetAsync(App.BaseUrl + "/" + await Page.GetByTestId("cosign-preview").GetAttributeAsync("src"));
        var previewText = PdfTools.FlatText(await preview.BodyAsync());
        Assert.Contains("gez. Anna Becker", previewText);
        Assert.Contains("gez. Dr. Petra Hoffmann", previewText);
        Assert.Contains("Fachdienst Eingliederungshilfe", previewText); // the service's own Rechtsbehelfsbelehrung
        await AssertAccessibleAsync();
        // Headless Chromium's PDF viewer in the preview above takes the pointer while it settles; the event goes to the button itself.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zurückgeben" }).DispatchEventAsync("click");
        await Assertions.Expect(Page.GetByTestId("cosign-message")).ToContainTextAsync("was geändert werden soll");
        await Page.GetByLabel("Hinweis an Anna Becker").FillAsync("Bitte den Zeitraum der Bewilligung nennen.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zurückgeben" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("cosign-message")).ToContainTextAsync("an Anna Becker zurückgegeben");

        // Back with the clerk: her start page says so; the case shows the note above the draft; she changes it and submits again.
        await SignInAsync("clerk");
        await Page.GotoAsync("/start");
        await Assertions.Expect(Page.GetByTestId("cosign-mine")).ToContainTextAsync("zurückgegeben von Dr. Petra Hoffmann");
        await Page.GetByTestId("cosign-mine").GetByRole(AriaRole.Link, new() { Name = reference, Exact = false }).ClickAsync();
        await Page.WaitForURLAsync($"**/vorgaenge/{caseId}");
        await WaitForCircuitAsync();
        await Assertions.Expect(Page.GetByTestId("draft-returned")).ToContainTextAsync("Zurückgegeben von Dr. Petra Hoffmann");
        await Assertions.Expect(Page.GetByTestId("draft-returned")).ToContainTextAsync("Bitte den Zeitraum der Bewilligung nennen.");
        await Page.GetByLabel("Text", new() { Exact = true }).FillAsync("Sehr geehrte Damen und Herren,\n\ndie Schulbegleitung wird für das Schuljahr 2026/27 bewilligt.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Vorschau" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zur Schlusszeichnung vorlegen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("case-message")).ToContainTextAsync("liegt zur Schlusszeichnung vor");

        // Now the head signs it off: it is sent, and the case is decided.
        await SignInAsync("head");
        await Page.GotoAsync("/start");
        await Page.GetByTestId("cosign-queue").GetByRole(AriaRole.Link, new() { Name = reference, Exact = false }).ClickAsync();
        await Page.WaitForURLAsync("**/schlusszeichnung/*");
        await WaitForCircuitAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Schlusszeichnen und senden" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("cosign-message")).ToContainTextAsync("ist schlussgezeichnet und gesendet");
        await Page.GotoAsync($"/vorgaenge/{caseId}");
        await WaitForCircuitAsync();
        await Assertions.Expect(Page.GetByTestId("case-facts")).ToContainTextAsync("entschieden");
        await Page.GetByText("Protokoll: wer hat wann was getan").ClickAsync();
        var history = Page.GetByTestId("audit-history");
        await Assertions.Expect(history).ToContainTextAsync("Dr. Petra Hoffmann hat den Bescheid");
        await Assertions.Expect(history).ToContainTextAsync("schlussgezeichnet; er ist gesendet");
        await Assertions.Expect(history).ToContainTextAsync("zur Überarbeitung zurückgegeben: Bitte den Zeitraum der Bewilligung nennen.");
        await Assertions.Expect(history).ToContainTextAsync("Anna Becker hat den Bescheid");

        await using var db = App.Data.Open(UnitScope.System);
        var letter = await db.Letters.Include(l => l.Document!).ThenInclude(d => d.Versions).SingleAsync(l => l.CaseId == caseId);
        Assert.Equal(await db.Users.Where(u => u.UserName == "head").Select(u => u.Id).SingleAsync(), letter.CoSignedById);
        var store = new Features.Documents.DocumentStore(Microsoft.Extensions.Options.Options.Create(App.Data.Options));
        var sent = PdfTools.FlatText(await File.ReadAllBytesAsync(store.PathOf(letter.Document!.Versions.Single().Sha256)));
        Assert.Contains("für das Schuljahr 2026/27 bewilligt", sent);
        Assert.Contains("gez. Dr. Petra Hoffmann", sent);
        Assert.False(await db.LetterDrafts.AnyAsync(d => d.CaseId == caseId));
    }

    [Fact]
    public async Task Nobody_signs_off_their_own_bescheid()
    {
        // Lena Fischer is a named co-signer of 50.1: she may sign off others' Bescheide, not her own.
        var (caseId, reference) = await PaperCaseAsync(coSigned: true);
        await WriteBescheidAsync("clerk3", caseId);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Vorschau" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zur Schlusszeichnung vorlegen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("case-message")).ToContainTextAsync("liegt zur Schlusszeichnung vor");
        int draftId;
        await using (var db = App.Data.Open(UnitScope.System))
            draftId = await db.LetterDrafts.Where(d => d.CaseId == caseId).Select(d => d.Id).SingleAsync();

        await Page.GotoAsync("/start");
        await WaitForCircuitAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Fällige Wiedervorlagen" })).ToBeVisibleAsync();
        Assert.Equal(0, await Page.GetByTestId("cosign-queue").GetByText(reference).CountAsync());
        await Page.GotoAsync($"/schlusszeichnung/{draftId}");
        await Assertions.Expect(Page.GetByTestId("cosign-message")).ToContainTextAsync("Ihren eigenen Brief kann nur jemand anderes schlusszeichnen");
        Assert.Equal(0, await Page.GetByRole(AriaRole.Button, new() { Name = "Schlusszeichnen und senden" }).CountAsync());
        await AssertAccessibleAsync();
        // The head of another Fachbereich does not see it at all.
        await SignInAsync("head2");
        await Page.GotoAsync($"/schlusszeichnung/{draftId}");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Brief nicht gefunden" })).ToBeVisibleAsync();
    }
}

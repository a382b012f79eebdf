using BackOffice.Data;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BackOffice.Tests.Browser;

/// <summary>The Akten page and the Aktendeckel, as a clerk uses them (issue 11, first part).</summary>
[Collection(BrowserCollection.Name)]
public class FilesTests(RunningApp app) : BrowserTest(app)
{
    [Fact]
    public async Task A_clerk_finds_a_file_by_applicant_under_its_plan_entry_and_opens_its_cases_and_documents()
    {
        // A file of 50.1 with a document, and its applicant as the clerk would type it (first name first).
        int fileId;
        string reference, applicant, planCode;
        await using (var db = App.Data.Open(UnitScope.System))
        {
            var file = await db.CaseFiles.Where(f => f.Unit!.Key == "50.1" && f.Cases.Any(c => c.Documents.Any()))
                .OrderByDescending(f => f.CreatedAt).Select(f => new { f.Id, f.Reference, f.ApplicantName, f.FilePlanEntry!.Code }).FirstAsync();
            (fileId, reference, applicant, planCode) = (file.Id, file.Reference, file.ApplicantName!, file.Code);
        }
        var parts = applicant.Split(", ");
        await SignInAsync("clerk");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Akten" }).First.ClickAsync();
        await Page.WaitForURLAsync("**/akten");
        await WaitForCircuitAsync();
        await Assertions.Expect(Page.GetByTestId("files-count")).ToContainTextAsync("Akten");
        await AssertAccessibleAsync();

        await Page.GetByTestId("file-plan").GetByRole(AriaRole.Button, new() { Name = planCode, Exact = false }).First.ClickAsync();
        await Assertions.Expect(Page.Locator("#files-title")).ToContainTextAsync($"Akten unter {planCode}");
        await Page.GetByLabel("Aktenzeichen oder Antragsteller").FillAsync($"{parts[1]} {parts[0]}");
        await Page.GetByLabel("Aktenzeichen oder Antragsteller").PressAsync("Tab");
        await Assertions.Expect(Page.GetByTestId("files-grid")).ToContainTextAsync(reference);
        // Only the clerk's unit: every row is of 50.1.
        Assert.All(await Page.GetByTestId("files-grid").Locator("tbody td:nth-child(4)").AllInnerTextsAsync(), u => Assert.Equal("Eingliederungshilfe", u.Trim()));

        await Page.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }).ClickAsync();
        await Page.WaitForURLAsync($"**/akten/{fileId}");
        await Assertions.Expect(Page.GetByTestId("file-cover")).ToContainTextAsync(applicant);
        await Assertions.Expect(Page.GetByTestId("file-cover")).ToContainTextAsync("aufbewahren");
        await Assertions.Expect(Page.GetByTestId("file-cases").Locator("tbody tr").First).ToContainTextAsync(reference);
        await Assertions.Expect(Page.GetByTestId("file-documents").Locator("li").First).ToBeVisibleAsync();
        await AssertAccessibleAsync();

        // Reading the file is logged (other units get 404: RouteScopingTests), and its documents open.
        await using (var db = App.Data.Open(UnitScope.System))
            Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "read" && e.EntityType == "CaseFile" && e.EntityId == fileId.ToString() && e.Actor == "clerk"));
        var href = await Page.GetByTestId("file-documents").Locator("a").First.GetAttributeAsync("href");
        var document = await Page.APIRequest.GetAsync(href!);
        Assert.Equal(200, document.Status);
        Assert.Equal("application/pdf", document.Headers["content-type"]);
    }

    [Fact]
    public async Task The_head_makes_a_clerk_responsible_for_a_case_from_the_case_page()
    {
        int caseId;
        await using (var db = App.Data.Open(UnitScope.System))
            caseId = await db.Cases.Where(c => c.Unit!.Key == "50.2" && c.AssigneeId == null && c.Status < CaseStatus.Entschieden).OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync();
        await SignInAsync("head");
        await Page.GotoAsync($"/vorgaenge/{caseId}");
        await WaitForCircuitAsync();
        await Assertions.Expect(Page.GetByTestId("case-facts")).ToContainTextAsync("nicht zugewiesen");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zuständig machen …" }).ClickAsync();
        await Page.GetByLabel("Wer bearbeitet den Vorgang?").SelectOptionAsync(new SelectOptionValue { Label = "Jonas Wagner" });
        await AssertAccessibleAsync();
        await Page.GetByTestId("case-assign").GetByRole(AriaRole.Button, new() { Name = "Zuweisen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("case-message")).ToContainTextAsync("Jonas Wagner zugewiesen");
        await Assertions.Expect(Page.GetByTestId("case-message")).ToBeFocusedAsync();
        await Assertions.Expect(Page.GetByTestId("case-facts")).ToContainTextAsync("Jonas Wagner");
        await using (var db = App.Data.Open(UnitScope.System))
            Assert.Equal("clerk2", await db.Cases.Where(c => c.Id == caseId).Select(c => c.Assignee!.UserName).SingleAsync());
    }

    [Fact]
    public async Task A_clerk_works_a_case_status_note_and_wiedervorlage_seen_on_the_start_page_then_closes_and_reopens_it()
    {
        int caseId;
        string reference;
        await using (var db = App.Data.Open(UnitScope.System))
        {
            var c = await db.Cases.Where(c => c.Unit!.Key == "50.1" && c.Assignee!.UserName == "clerk" && c.Status == CaseStatus.InBearbeitung && c.ResubmitAt == null)
                .OrderByDescending(c => c.Id).Select(c => new { c.Id, c.Reference }).FirstAsync();
            (caseId, reference) = (c.Id, c.Reference);
        }
        await SignInAsync("clerk");
        await Page.GotoAsync($"/vorgaenge/{caseId}");
        await WaitForCircuitAsync();
        var message = Page.GetByTestId("case-message");

        // A Vermerk of two lines.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Vermerk …" }).ClickAsync();
        await Page.GetByLabel("Text des Vermerks").FillAsync("Telefonat mit der Antragstellerin.\nUnterlagen folgen per Post.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Vermerk speichern" }).ClickAsync();
        await Assertions.Expect(message).ToContainTextAsync("Vermerk ist gespeichert");
        await Assertions.Expect(Page.GetByTestId("case-notes")).ToContainTextAsync("Unterlagen folgen per Post.");
        await Assertions.Expect(Page.GetByTestId("case-notes")).ToContainTextAsync("Anna Becker");

        // A Wiedervorlage for tomorrow: on the start page under the coming week, and back to the case from there.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Wiedervorlage …" }).ClickAsync();
        var tomorrow = DateOnly.FromDateTime(Labels.Local(DateTime.UtcNow)).AddDays(1);
        await Page.GetByLabel("Am", new() { Exact = true }).FillAsync(tomorrow.ToString("yyyy-MM-dd"));
        await Page.GetByLabel("Wofür (freiwillig)").FillAsync("Stellungnahme Bauamt");
        await Page.GetByTestId("case-resubmit-form").GetByRole(AriaRole.Button, new() { Name = "Setzen" }).ClickAsync();
        await Assertions.Expect(message).ToContainTextAsync($"am {tomorrow:dd.MM.yyyy} ist gesetzt");
        await Assertions.Expect(Page.GetByTestId("case-facts")).ToContainTextAsync("Stellungnahme Bauamt");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Übersicht" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("upcoming-list")).ToContainTextAsync($"Vorgang {reference}");
        await Assertions.Expect(Page.GetByTestId("upcoming-list")).ToContainTextAsync("morgen; Stellungnahme Bauamt");
        await AssertAccessibleAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = $"Vorgang {reference}" }).ClickAsync();
        await Page.WaitForURLAsync($"**/vorgaenge/{caseId}");

        // Closing needs a reason: refused without, the form keeps its place; done with one.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Status ändern …" }).ClickAsync();
        await Page.GetByLabel("Neuer Status").SelectOptionAsync(new SelectOptionValue { Label = "Zu den Akten (z.d.A.)" });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Übernehmen" }).ClickAsync();
        await Assertions.Expect(message).ToContainTextAsync("Bitte einen Grund angeben");
        await AssertAccessibleAsync();
        await Page.GetByLabel("Grund (Pflicht)").FillAsync("Antrag zurückgenommen");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Übernehmen" }).ClickAsync();
        await Assertions.Expect(message).ToContainTextAsync("zu den Akten verfügt");
        await Assertions.Expect(Page.GetByTestId("case-facts")).ToContainTextAsync("abgeschlossen");
        await Assertions.Expect(Page.GetByTestId("case-history")).ToContainTextAsync("Grund: Antrag zurückgenommen");
        await Assertions.Expect(Page.GetByTestId("case-facts")).ToContainTextAsync("keine"); // closing ends the Wiedervorlage

        // Reopened, with its reason.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Status ändern …" }).ClickAsync();
        await Assertions.Expect(Page.GetByLabel("Neuer Status")).ToHaveValueAsync(nameof(CaseStatus.InBearbeitung));
        await Page.GetByLabel("Grund (Pflicht)").FillAsync("Antragstellerin hält am Antrag fest");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Übernehmen" }).ClickAsync();
        await Assertions.Expect(message).ToContainTextAsync("wieder aufgenommen");
        await Assertions.Expect(Page.GetByTestId("case-facts")).ToContainTextAsync("in Bearbeitung");

        // The Protokoll names who opened the case and what they did.
        await Page.GetByText("Protokoll: wer hat wann was getan").ClickAsync();
        var history = Page.GetByTestId("audit-history");
        await Assertions.Expect(history).ToContainTextAsync("Anna Becker hat den Vorgang geöffnet");
        await Assertions.Expect(history).ToContainTextAsync("Anna Becker hat einen Vermerk geschrieben");
        await Assertions.Expect(history).ToContainTextAsync("hat den Status „abgeschlossen“ gesetzt (Grund: Antrag zurückgenommen)");
        await AssertAccessibleAsync();
        await using var check = App.Data.Open(UnitScope.System);
        Assert.Equal(["Antrag zurückgenommen", "Antragstellerin hält am Antrag fest"],
            await check.CaseStatusChanges.Where(c => c.CaseId == caseId && c.Reason != null).OrderBy(c => c.Id).Select(c => c.Reason!).ToListAsync());
    }

    [Fact]
    public async Task A_clerk_adds_documents_with_german_names_and_a_new_version_and_filters_the_file_by_type()
    {
        int caseId, fileId;
        await using (var db = App.Data.Open(UnitScope.System))
        {
            var c = await db.Cases.Where(c => c.Unit!.Key == "50.1" && c.Status == CaseStatus.InBearbeitung && !c.Documents.Any())
                .OrderBy(c => c.Id).Select(c => new { c.Id, c.CaseFileId }).FirstAsync();
            (caseId, fileId) = (c.Id, c.CaseFileId);
        }
        await SignInAsync("clerk");
        await Page.GotoAsync($"/vorgaenge/{caseId}");
        await WaitForCircuitAsync();

        // A text file named .pdf is refused with its name, visibly, and nothing is added.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Dokumente hinzufügen …" }).ClickAsync();
        await Page.Locator("#case-doc-files").SetInputFilesAsync(new FilePayload { Name = "Notiz.pdf", MimeType = "application/pdf", Buffer = "nur Text"u8.ToArray() });
        await Page.GetByTestId("case-add-documents").GetByRole(AriaRole.Button, new() { Name = "Hinzufügen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("case-message")).ToContainTextAsync("„Notiz.pdf“ ist keine PDF, PNG, JPEG oder TIFF-Datei. Es wurde nichts hinzugefügt.");

        // Two files at once, umlauts and all.
        await Page.GetByLabel("Art", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Nachweis" });
        await Page.Locator("#case-doc-files").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "Gehaltsnachweis März.pdf", MimeType = "application/pdf", Buffer = Infrastructure.SimplePdf.Create("Gehalt", ["März"]) },
            new FilePayload { Name = "Größe des Grundstücks.pdf", MimeType = "application/pdf", Buffer = Infrastructure.SimplePdf.Create("Größe", ["Grundstück"]) },
        });
        await Page.GetByTestId("case-add-documents").GetByRole(AriaRole.Button, new() { Name = "Hinzufügen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("case-message")).ToContainTextAsync("2 Dokumente sind dem Vorgang hinzugefügt");
        var list = Page.GetByTestId("case-documents");
        await Assertions.Expect(list).ToContainTextAsync("Gehaltsnachweis März");
        await Assertions.Expect(list).ToContainTextAsync("Größe des Grundstücks.pdf");

        // The first is open beside the facts; a new version of it, the old one still listed and readable. The click
        // comes at once after choosing the file (the button is never disabled, so it is not lost): it waits for the file.
        await Assertions.Expect(Page.Locator("aside iframe.bo-pdf")).ToHaveCountAsync(1);
        var corrected = new FilePayload { Name = "Gehaltsnachweis März (korrigiert).pdf", MimeType = "application/pdf", Buffer = Infrastructure.SimplePdf.Create("Gehalt", ["März korrigiert"]) };
        await Page.Locator("#doc-version-file").SetInputFilesAsync(corrected);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Version hochladen" }).ClickAsync(new() { Timeout = 1000 });
        await Assertions.Expect(Page.GetByTestId("document-message")).ToContainTextAsync("Version 2 von „Gehaltsnachweis März“ ist gespeichert");
        Assert.Equal("", await Page.Locator("#doc-version-file").InputValueAsync()); // the field is empty again
        await Assertions.Expect(Page.GetByTestId("document-type")).ToContainTextAsync("Nachweis · Version 2");
        await Page.GetByText("Ältere Versionen (1)").ClickAsync();
        var old = Page.GetByTestId("document-versions").GetByRole(AriaRole.Link);
        var response = await Page.APIRequest.GetAsync(App.BaseUrl + "/" + await old.GetAttributeAsync("href"));
        Assert.Equal(200, response.Status);
        Assert.Contains("Gehaltsnachweis%20M%C3%A4rz.pdf", response.Headers["content-disposition"]);
        await AssertAccessibleAsync();

        // A wrong file is refused with its name, and nothing changes.
        await Page.Locator("#doc-version-file").SetInputFilesAsync(new FilePayload { Name = "Notiz.pdf", MimeType = "application/pdf", Buffer = "nur Text"u8.ToArray() });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Version hochladen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("document-message")).ToContainTextAsync("„Notiz.pdf“ ist keine PDF, PNG, JPEG oder TIFF-Datei");
        await Assertions.Expect(Page.GetByTestId("document-type")).ToContainTextAsync("Version 2");
        // The same file chosen once more is taken again.
        await Page.Locator("#doc-version-file").SetInputFilesAsync(corrected);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Version hochladen" }).ClickAsync(new() { Timeout = 1000 });
        await Assertions.Expect(Page.GetByTestId("document-type")).ToContainTextAsync("Version 3");

        // The file view filters its timeline by type.
        await Page.GotoAsync($"/akten/{fileId}");
        await WaitForCircuitAsync();
        await Assertions.Expect(Page.GetByTestId("file-cover")).ToContainTextAsync("Geboren");
        var timeline = Page.GetByTestId("file-documents");
        await Assertions.Expect(timeline.Locator("li")).ToHaveCountAsync(4); // two documents, one of them in three versions
        await Page.GetByLabel("Dokumentart").SelectOptionAsync(new SelectOptionValue { Label = "Nachweis (2 Dokumente)" });
        await Assertions.Expect(timeline.Locator("li")).ToHaveCountAsync(4);
        await AssertAccessibleAsync();
        await using var check = App.Data.Open(UnitScope.System);
        Assert.Equal(2, await check.Documents.CountAsync(d => d.CaseId == caseId && d.Type == DocumentType.Nachweis));
    }

    [Fact]
    public async Task A_deputy_sees_the_absent_clerks_wiedervorlagen_and_works_her_case_in_her_name()
    {
        int caseId;
        string reference;
        await using (var db = App.Data.Open(UnitScope.System))
        {
            var c = await db.Cases.Where(c => c.Assignee!.UserName == "clerk" && c.Status == CaseStatus.InBearbeitung).OrderBy(c => c.Id).FirstAsync();
            c.ResubmitAt = Infrastructure.LocalDays.Start(DateOnly.FromDateTime(Labels.Local(DateTime.UtcNow)));
            c.ResubmitNote = "Rückruf Frau Muster";
            await db.SaveChangesAsync();
            (caseId, reference) = (c.Id, c.Reference);
        }

        // Anna names Lena for the coming days.
        await SignInAsync("clerk");
        var deputies = Page.GetByTestId("deputies");
        await deputies.GetByLabel("Vertreten durch").SelectOptionAsync(new SelectOptionValue { Label = "Lena Fischer" });
        await deputies.GetByRole(AriaRole.Button, new() { Name = "Vertretung eintragen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("deputy-message")).ToContainTextAsync("Lena Fischer vertritt Sie");
        await AssertAccessibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync();

        // Lena sees it on her start page, with Anna's due Wiedervorlage, and works the case in Anna's stead.
        await SignInAsync("clerk3");
        await Assertions.Expect(Page.GetByTestId("deputies")).ToContainTextAsync("Sie vertreten heute Anna Becker");
        await Assertions.Expect(Page.GetByTestId("due-list")).ToContainTextAsync($"Vorgang {reference}");
        await Assertions.Expect(Page.GetByTestId("due-list")).ToContainTextAsync("Anna Becker");
        await Page.GetByRole(AriaRole.Link, new() { Name = $"Vorgang {reference}" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("acting-for")).ToContainTextAsync("Sie vertreten Anna Becker");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Vermerk …" }).ClickAsync();
        await Page.GetByLabel("Text des Vermerks").FillAsync("Frau Muster zurückgerufen.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Vermerk speichern" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("case-notes")).ToContainTextAsync("Lena Fischer (in Vertretung für Anna Becker)");
        await Page.GetByText("Protokoll: wer hat wann was getan").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("audit-history")).ToContainTextAsync("Lena Fischer (in Vertretung für Anna Becker) hat einen Vermerk geschrieben");
        await AssertAccessibleAsync();
        await using var check = App.Data.Open(UnitScope.System);
        Assert.True(await check.AuditEvents.AnyAsync(e => e.Actor == "clerk3 i. V. clerk" && e.Action == "read" && e.EntityId == caseId.ToString()));
    }

    [Fact]
    public async Task A_clerk_writes_a_bescheid_from_the_template_sees_it_before_sending_and_finds_it_in_the_postausgang()
    {
        int caseId;
        string reference, applicant;
        await using (var db = App.Data.Open(UnitScope.System))
        {
            // A paper case (no portal): its letters go to the Postausgang.
            var c = await db.Cases.Where(c => c.Unit!.Key == "50.1" && c.Status == CaseStatus.InBearbeitung && c.Channel == Channel.Papier && c.CaseFile!.ApplicantAddress != null
                    && (c.Service == null || !c.Service.RequiresCoSignature)) // those of Schulbegleitung go through the Schlusszeichnung: LetterCoSignTests
                .OrderByDescending(c => c.Id).Select(c => new { c.Id, c.Reference, c.ApplicantName }).FirstAsync();
            (caseId, reference, applicant) = (c.Id, c.Reference, c.ApplicantName);
        }
        await SignInAsync("clerk");
        await Page.GotoAsync($"/vorgaenge/{caseId}");
        await WaitForCircuitAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Brief schreiben …" }).ClickAsync();
        await Page.GetByLabel("Bescheid (Vorgang wird entschieden)").CheckAsync();
        // The template, with the case's facts filled in.
        await Assertions.Expect(Page.GetByLabel("Betreff")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^Bescheid über Ihren Antrag: "));
        await Assertions.Expect(Page.GetByLabel("Text", new() { Exact = true })).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Anna Becker$"));
        await Page.GetByLabel("Text", new() { Exact = true }).FillAsync("Sehr geehrte Damen und Herren,\n\ndie Eingliederungshilfe wird bewilligt.\n\nMit freundlichen Grüßen\nAnna Becker");

        // Nothing goes without the preview; the preview is the letter as it will go.
        Assert.Equal(0, await Page.GetByRole(AriaRole.Button, new() { Name = "Senden", Exact = true }).CountAsync());
        await Page.GetByRole(AriaRole.Button, new() { Name = "Vorschau" }).ClickAsync();
        var preview = Page.GetByTestId("letter-preview");
        await Assertions.Expect(preview).ToBeVisibleAsync();
        var previewPdf = await Page.APIRequest.GetAsync(App.BaseUrl + "/" + await preview.GetAttributeAsync("src"));
        Assert.Equal(200, previewPdf.Status);
        var text = PdfTools.Text(await previewPdf.BodyAsync());
        Assert.Contains("Landkreis Lindenau", text);
        Assert.Contains(reference, text);
        Assert.Contains("Rechtsbehelfsbelehrung", text);
        Assert.Contains(Features.Files.LetterPdf.NameForAddress(applicant), text);
        await using (var db = App.Data.Open(UnitScope.System))
            Assert.Equal(CaseStatus.InBearbeitung, await db.Cases.Where(c => c.Id == caseId).Select(c => c.Status).SingleAsync()); // nothing changed yet
        await AssertAccessibleAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Senden", Exact = true }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("case-message")).ToContainTextAsync("Der Bescheid liegt im Postausgang zum Drucken und Versenden bereit");
        await Assertions.Expect(Page.GetByTestId("case-facts")).ToContainTextAsync("entschieden");
        await Assertions.Expect(Page.GetByTestId("case-documents")).ToContainTextAsync("Bescheid: Bescheid über Ihren Antrag");

        // The Postausgang has it to print; marked as posted it leaves the list of letters still to send.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Postausgang" }).ClickAsync();
        var row = Page.GetByTestId("post-outbox").GetByRole(AriaRole.Row).Filter(new() { HasText = reference });
        await Assertions.Expect(row).ToContainTextAsync("Bescheid");
        var download = await Page.APIRequest.GetAsync(App.BaseUrl + "/" + await row.GetByRole(AriaRole.Link, new() { Name = "Herunterladen" }).GetAttributeAsync("href"));
        Assert.Equal(200, download.Status);
        Assert.Contains("attachment", download.Headers["content-disposition"]);
        await AssertAccessibleAsync();
        await row.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("post-outbox-message")).ToContainTextAsync("als versendet vermerkt");
        await Assertions.Expect(Page.GetByTestId("post-outbox").GetByRole(AriaRole.Row).Filter(new() { HasText = reference })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_header_search_finds_a_word_in_a_document_marks_it_and_opens_its_case_and_finds_nothing_for_another_unit()
    {
        var word = $"Feldlerche{Random.Shared.Next(100_000, 999_999)}";
        int caseId;
        await using (var db = App.Data.Open(UnitScope.System))
        {
            var c = await db.Cases.Where(c => c.Unit!.Key == "50.1").OrderByDescending(c => c.Id).Select(c => new { c.Id, c.UnitId }).FirstAsync();
            caseId = c.Id;
            var stored = await db.DocumentVersions.OrderBy(v => v.Id).Select(v => v.Sha256).FirstAsync(); // bytes that are in the store
            db.Documents.Add(new Document
            {
                CaseId = c.Id, UnitId = c.UnitId, Title = "Gutachten Naturschutz", CreatedAt = DateTime.UtcNow, Type = DocumentType.Nachweis,
                Text = $"Auf der Fläche brütet die {word}; die Baumaßnahme ist außerhalb der Brutzeit möglich.",
                Versions = [new DocumentVersion { Number = 1, Sha256 = stored, Size = 1, MimeType = "application/pdf", FileName = "Gutachten.pdf", CreatedAt = DateTime.UtcNow }],
            });
            await db.SaveChangesAsync();
        }
        await SignInAsync("clerk");
        await Page.GetByLabel("Suchen in Akten, Vorgängen und Dokumenten").FillAsync($"{word} brutzeit");
        await Page.GetByLabel("Suchen in Akten, Vorgängen und Dokumenten").PressAsync("Enter");
        await Page.WaitForURLAsync("**/suche?q=*");
        var hits = Page.GetByTestId("search-documents");
        await Assertions.Expect(hits).ToContainTextAsync("Gutachten Naturschutz");
        await Assertions.Expect(hits.Locator("mark").First).ToHaveTextAsync(word);
        await Assertions.Expect(hits.Locator("mark").Nth(1)).ToHaveTextAsync("Brutzeit");
        await AssertAccessibleAsync();
        await hits.GetByRole(AriaRole.Link, new() { Name = "Vorgang", Exact = false }).First.ClickAsync();
        await Page.WaitForURLAsync($"**/vorgaenge/{caseId}");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync();
        await SignInAsync("clerk2");
        await Page.GotoAsync($"/suche?q={word}");
        await WaitForCircuitAsync();
        await Assertions.Expect(Page.GetByTestId("search-summary")).ToContainTextAsync("keine Dokumente");
    }

    [Fact]
    public async Task At_1280_by_720_the_case_page_shows_facts_actions_and_the_open_document_side_by_side_without_scrolling()
    {
        int caseId;
        await using (var db = App.Data.Open(UnitScope.System))
            caseId = await db.Cases.Where(c => c.Unit!.Key == "50.1" && c.Status < CaseStatus.Entschieden && c.Documents.Any()).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        await Page.SetViewportSizeAsync(1280, 720);
        await SignInAsync("clerk");
        await Page.GotoAsync($"/vorgaenge/{caseId}");
        await WaitForCircuitAsync();
        var facts = (await Page.GetByTestId("case-facts").BoundingBoxAsync())!;
        var actions = (await Page.GetByTestId("case-actions").BoundingBoxAsync())!;
        var document = (await Page.Locator("aside iframe.bo-pdf").BoundingBoxAsync())!;
        foreach (var (name, box) in new[] { ("facts", facts), ("actions", actions), ("document", document) })
            Assert.True(box.Y >= 0 && box.Y < 720 && box.X + box.Width <= 1280, $"{name} at ({box.X}, {box.Y}) is not in view at 1280x720");
        Assert.True(actions.Y + actions.Height <= 720, $"the action buttons end at {actions.Y + actions.Height} px, below the fold");
        Assert.True(document.X > facts.X + facts.Width - 1, "the document is not beside the facts");
        Assert.True(document.Height >= 300, $"the document viewer is only {document.Height} px high");
        // Every action by keyboard: the first action button takes focus and opens its form with Enter.
        await Page.GetByTestId("case-actions").GetByRole(AriaRole.Button).First.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Page.GetByTestId("case-status-form")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("#case-status-to")).ToBeFocusedAsync();
    }
}

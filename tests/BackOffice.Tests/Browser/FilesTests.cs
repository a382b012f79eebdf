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
        Assert.All(await Page.GetByTestId("files-grid").Locator("tbody td:nth-child(3)").AllInnerTextsAsync(), u => Assert.Equal("Eingliederungshilfe", u.Trim()));

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
        await Page.GetByLabel("Zuständig machen").SelectOptionAsync(new SelectOptionValue { Label = "Jonas Wagner" });
        await AssertAccessibleAsync();
        await Page.GetByTestId("case-assign").GetByRole(AriaRole.Button, new() { Name = "Zuweisen" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("case-message")).ToContainTextAsync("Jonas Wagner zugewiesen");
        await Assertions.Expect(Page.GetByTestId("case-message")).ToBeFocusedAsync();
        await Assertions.Expect(Page.GetByTestId("case-facts")).ToContainTextAsync("Jonas Wagner");
        await using (var db = App.Data.Open(UnitScope.System))
            Assert.Equal("clerk2", await db.Cases.Where(c => c.Id == caseId).Select(c => c.Assignee!.UserName).SingleAsync());
    }
}

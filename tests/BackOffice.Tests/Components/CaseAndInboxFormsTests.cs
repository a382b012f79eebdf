using System.Security.Claims;
using BackOffice.Data;
using BackOffice.Features.Access;
using BackOffice.Features.Files;
using BackOffice.Features.Inbox;
using BackOffice.Infrastructure;
using BackOffice.Features.Intake;
using BackOffice.Tests.Support;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Components;

/// <summary>
/// The case page's reply form and the Posteingang's "Vorgang anlegen" form as components (bUnit), with the real use cases
/// behind them on a real seeded SQLite county, signed in as the clerk of 50.1.
/// </summary>
public class CaseAndInboxFormsTests : BunitContext, IClassFixture<SeededCounty>
{
    private readonly SeededCounty _county;

    public CaseAndInboxFormsTests(SeededCounty county)
    {
        _county = county;
        Services.AddSingleton<IDbContextFactory<BackOfficeDb>>(county.Db);
        Services.AddSingleton<IMemoryCache>(new MemoryCache(new MemoryCacheOptions()));
        Services.AddSingleton<UnitScopes>();
        Services.AddScoped<UserDb>();
        Services.AddSingleton<InboxEvents>();
        Services.AddScoped<InboxCounter>();
        Services.AddScoped<Triage>();
    }

    private async Task<string> SignInAsClerkAsync()
    {
        var id = await _county.UserIdAsync("clerk");
        var auth = AddAuthorization();
        auth.SetAuthorized("clerk");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, id));
        return id;
    }

    /// <summary>The letter form on a paper case of the clerk's unit; its actions run for real on the database.</summary>
    private async Task<(IRenderedComponent<LetterForm> Cut, int CaseId, List<Outcome> Outcomes)> RenderLetterFormAsync()
    {
        var clerkId = await SignInAsClerkAsync();
        var unit = await _county.UnitIdAsync("50.1");
        Services.AddSingleton(_county.Store);
        Services.AddSingleton<LetterPreviews>();
        Services.AddSingleton<LetterOut>();
        int caseId;
        CaseStatus status;
        await using (var db = _county.Db.Open(UnitScope.System))
        {
            (caseId, status) = await db.Cases.Where(c => c.UnitId == unit && c.Status == CaseStatus.InBearbeitung && c.Channel != Channel.Portal
                    && !db.LetterDrafts.Any(d => d.CaseId == c.Id))
                .OrderByDescending(c => c.Id).Select(c => ValueTuple.Create(c.Id, c.Status)).FirstAsync();
        }
        var outcomes = new List<Outcome>();
        var cut = Render<LetterForm>(p => p.Add(x => x.CaseId, caseId).Add(x => x.Status, status).Add(x => x.Writer, new LetterOut.Writer(clerkId, "Anna Becker"))
            .Add(x => x.Run, async action =>
            {
                await using var db = _county.Db.Open(UnitScope.Of([unit]));
                var outcome = await action(db);
                outcomes.Add(outcome);
                return outcome;
            }));
        cut.WaitForAssertion(() => Assert.Contains("Sehr geehrte", cut.Find("#letter-body").GetAttribute("value") ?? cut.Find("#letter-body").TextContent));
        return (cut, caseId, outcomes);
    }

    [Fact]
    public async Task A_refused_pdf_is_shown_and_the_letter_can_be_neither_previewed_nor_sent_in_its_place()
    {
        var (cut, _, outcomes) = await RenderLetterFormAsync();
        cut.Find("#letter-body").Input("Schon geschrieben");
        cut.FindAll("input[type=radio]")[1].Change(true); // Bescheid: its template is filled in
        cut.WaitForAssertion(() => Assert.StartsWith("Bescheid über Ihren Antrag", cut.Find("#letter-subject").GetAttribute("value")));
        cut.FindAll("input[type=radio]")[0].Change(true); // back: what was written for the Nachforderung is still there
        cut.WaitForAssertion(() => Assert.Equal("Schon geschrieben", cut.Find("#letter-body").GetAttribute("value") ?? cut.Find("#letter-body").TextContent));
        cut.FindAll("input[type=radio]")[1].Change(true);
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3], "bescheid.pdf", contentType: "application/pdf"));
        Assert.Contains("keine PDF", cut.Find("[data-testid=pdf-refused]").TextContent);
        cut.Find("#letter-body").Input("Bewilligt.");
        cut.FindAll("button").Single(b => b.TextContent == "Vorschau").Click();
        cut.WaitForAssertion(() => Assert.Contains("keine PDF", cut.Find("[data-testid=pdf-refused]").TextContent)); // said once, at its field
        Assert.Empty(cut.FindAll("[data-testid=letter-error]"));
        Assert.Empty(cut.FindAll("[data-testid=letter-preview]"));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent == "Senden");
        Assert.Empty(outcomes);
        Assert.Equal("Bewilligt.", cut.Find("#letter-body").GetAttribute("value") ?? cut.Find("#letter-body").TextContent); // nothing typed is lost
    }

    [Fact]
    public async Task Only_the_previewed_letter_is_sent_and_a_change_after_the_preview_asks_for_a_new_one()
    {
        var (cut, caseId, outcomes) = await RenderLetterFormAsync();
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent == "Senden"); // no sending before a preview
        var pdf = BackOffice.Infrastructure.SimplePdf.Create("Bescheid", ["Bewilligt."]);
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(pdf, "Nachforderung Müller.pdf", contentType: "application/pdf"));
        Assert.Contains("Gewählt: Nachforderung Müller.pdf", cut.Markup);
        cut.FindAll("button").Single(b => b.TextContent == "Vorschau").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=letter-preview]")));
        cut.Find("#letter-subject").Input("Geändert");
        Assert.Empty(cut.FindAll("[data-testid=letter-preview]")); // changed: preview again
        cut.FindAll("button").Single(b => b.TextContent == "Vorschau").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=letter-preview]")));
        cut.FindAll("button").Single(b => b.TextContent == "Senden").Click();
        cut.WaitForAssertion(() => Assert.True(Assert.Single(outcomes).IsDone, outcomes[0].Message));
        await using var db = _county.Db.Open(UnitScope.System);
        var letter = await db.Letters.Include(l => l.Document!).ThenInclude(d => d.Versions).SingleAsync(l => l.CaseId == caseId);
        Assert.Equal((LetterKind.Nachforderung, "Geändert", "Nachforderung Müller.pdf"), (letter.Kind, letter.Subject, letter.Document!.Versions.Single().FileName));
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(pdf), Convert.FromHexString(letter.Document.Versions.Single().Sha256));
        Assert.False(await db.LetterDrafts.AnyAsync(d => d.CaseId == caseId)); // the sent letter's draft is gone
    }

    [Fact]
    public async Task Vorgang_anlegen_lists_the_senders_files_asks_for_a_choice_and_creates_the_case_in_the_chosen_file()
    {
        var clerkId = await SignInAsClerkAsync();
        var unit = await _county.UnitIdAsync("50.1");
        InboxItem item;
        string applicant;
        await using (var db = _county.Db.Open(UnitScope.System))
        {
            applicant = await db.CaseFiles.Where(f => f.UnitId == unit).OrderBy(f => f.Id).Select(f => f.ApplicantName!).FirstAsync();
            item = new InboxItem { Number = $"E-2026-8{Random.Shared.Next(1_000_000):D6}", Channel = Channel.Papier, ReceivedAt = DateTime.UtcNow, UnitId = unit,
                Subject = "Nachreichung", Sender = applicant };
            db.InboxItems.Add(item);
            await db.SaveChangesAsync();
        }
        var results = new List<Outcome>();
        var triage = Services.GetRequiredService<Triage>();
        var cut = Render<CreateCaseForm>(p => p.Add(x => x.Item, item).Add(x => x.UserId, clerkId)
            .Add(x => x.OnCreate, async step => results.Add(await triage.ApplyAsync(item.Id, item.Version, step)))
            .Add(x => x.OnRefused, r => results.Add(r)));
        // The sender's files are looked up at once.
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=file-hits] input[type=radio]")));
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Single(results));
        Assert.IsType<RefusedOutcome>(results[0]);
        Assert.Contains("Bitte eine der gefundenen Akten wählen", results[0].Message);

        var first = cut.FindAll("[data-testid=file-hits] input[type=radio]")[0];
        var reference = first.GetAttribute("value")!;
        first.Change(true);
        // The item names no service and the unit has several: the form asks for one (its deadline applies).
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Equal(2, results.Count));
        Assert.StartsWith("Bitte die Leistung wählen", results[1].Message);
        var service = cut.FindAll("#case-service option").Select(o => o.GetAttribute("value")).First(v => !string.IsNullOrEmpty(v))!;
        cut.Find("#case-service").Change(service);
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Equal(3, results.Count));
        Assert.IsType<DoneOutcome>(results[2]);
        await using var check = _county.Db.Open(UnitScope.System);
        var created = await check.InboxItems.Where(i => i.Id == item.Id).Select(i => i.Case!.CaseFile!.Reference).SingleAsync();
        Assert.Equal(reference, created);
    }
}

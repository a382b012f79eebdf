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

    private IRenderedComponent<LetterForm> RenderLetterForm(List<LetterOut.Draft> sent, List<LetterOut.Draft> previewed) =>
        Render<LetterForm>(p => p
            .Add(x => x.OnDraft, kind => Task.FromResult<LetterOut.Draft?>(new LetterOut.Draft(kind, $"Vorlage {kind}", $"Text {kind}")))
            .Add(x => x.OnPreview, d =>
            {
                previewed.Add(d);
                return Task.FromResult(d.RefusedFile is { } r ? Outcome.Refused(r) : Outcome.Made("about:blank"));
            })
            .Add(x => x.OnSend, d => { sent.Add(d); return Task.FromResult(Outcome.Done("gesendet")); }));

    [Fact]
    public void A_refused_pdf_is_shown_and_the_letter_can_be_neither_previewed_nor_sent_in_its_place()
    {
        var (sent, previewed) = (new List<LetterOut.Draft>(), new List<LetterOut.Draft>());
        var cut = RenderLetterForm(sent, previewed);
        cut.Find("#letter-body").Change("Schon geschrieben");
        cut.FindAll("input[type=radio]")[1].Change(true); // Bescheid: its template is filled in
        Assert.Equal("Vorlage Bescheid", cut.Find("#letter-subject").GetAttribute("value"));
        cut.FindAll("input[type=radio]")[0].Change(true); // back: what was written for the Nachforderung is still there
        Assert.Equal("Schon geschrieben", cut.Find("#letter-body").GetAttribute("value") ?? cut.Find("#letter-body").TextContent);
        cut.FindAll("input[type=radio]")[1].Change(true);
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3], "bescheid.pdf", contentType: "application/pdf"));
        Assert.Contains("keine PDF", cut.Find("[data-testid=pdf-refused]").TextContent);
        cut.Find("#letter-body").Change("Bewilligt.");
        cut.FindAll("button").Single(b => b.TextContent == "Vorschau").Click();
        Assert.NotNull(Assert.Single(previewed).RefusedFile);
        Assert.Contains("keine PDF", cut.Find("[data-testid=pdf-refused]").TextContent); // said once, at its field
        Assert.Empty(cut.FindAll("[data-testid=letter-preview]"));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent == "Senden");
        Assert.Empty(sent);
        Assert.Equal("Bewilligt.", cut.Find("#letter-body").GetAttribute("value") ?? cut.Find("#letter-body").TextContent); // nothing typed is lost
    }

    [Fact]
    public void Only_the_previewed_letter_is_sent_and_a_change_after_the_preview_asks_for_a_new_one()
    {
        var (sent, previewed) = (new List<LetterOut.Draft>(), new List<LetterOut.Draft>());
        var cut = RenderLetterForm(sent, previewed);
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent == "Senden"); // no sending before a preview
        var pdf = BackOffice.Infrastructure.SimplePdf.Create("Bescheid", ["Bewilligt."]);
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(pdf, "Nachforderung Müller.pdf", contentType: "application/pdf"));
        Assert.Contains("Gewählt: Nachforderung Müller.pdf", cut.Markup);
        cut.FindAll("button").Single(b => b.TextContent == "Vorschau").Click();
        Assert.Single(cut.FindAll("[data-testid=letter-preview]"));
        cut.Find("#letter-subject").Change("Geändert");
        Assert.Empty(cut.FindAll("[data-testid=letter-preview]")); // changed: preview again
        cut.FindAll("button").Single(b => b.TextContent == "Vorschau").Click();
        cut.FindAll("button").Single(b => b.TextContent == "Senden").Click();
        var letter = Assert.Single(sent);
        Assert.Equal((LetterKind.Nachforderung, "Geändert", "Nachforderung Müller.pdf"), (letter.Kind, letter.Subject, letter.OwnFileName));
        Assert.Equal(pdf, letter.OwnPdf);
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

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

    [Fact]
    public void A_refused_pdf_is_shown_and_goes_along_so_that_nothing_is_sent_in_its_place()
    {
        var sent = new List<ReplyToApplicant.Reply>();
        var cut = Render<ReplyForm>(p => p.Add(x => x.OnSend, reply => { sent.Add(reply); return Task.FromResult<string?>("Nicht gesendet: die gewählte Datei ist keine PDF-Datei."); }));
        cut.FindAll("input[type=radio]")[1].Change(cut.FindAll("input[type=radio]")[1].GetAttribute("value")); // Bescheid
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3], "bescheid.pdf", contentType: "application/pdf"));
        Assert.Contains("keine PDF", cut.Find("[data-testid=pdf-refused]").TextContent);
        cut.Find("#reply-subject").Change("Bescheid");
        cut.Find("#reply-body").Change("Bewilligt.");
        cut.Find("form").Submit();
        var reply = Assert.Single(sent);
        Assert.Equal(OutboxKind.Bescheid, reply.Kind);
        Assert.Null(reply.DecisionPdf);
        Assert.NotNull(reply.RefusedFile);
        Assert.Contains("Nicht gesendet", cut.Find("[data-testid=reply-error]").TextContent);
        Assert.Equal("Bewilligt.", cut.Find("#reply-body").GetAttribute("value") ?? cut.Find("#reply-body").TextContent); // nothing typed is lost
    }

    [Fact]
    public void A_good_pdf_is_named_and_sent_and_the_form_starts_afresh()
    {
        var sent = new List<ReplyToApplicant.Reply>();
        var cut = Render<ReplyForm>(p => p.Add(x => x.OnSend, reply => { sent.Add(reply); return Task.FromResult<string?>(null); }));
        cut.FindAll("input[type=radio]")[1].Change(cut.FindAll("input[type=radio]")[1].GetAttribute("value"));
        var pdf = BackOffice.Infrastructure.SimplePdf.Create("Bescheid", ["Bewilligt."]);
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(pdf, "Bescheid Müller.pdf", contentType: "application/pdf"));
        Assert.Contains("Gewählt: Bescheid Müller.pdf", cut.Markup);
        cut.Find("#reply-subject").Change("Ihr Bescheid");
        cut.Find("form").Submit();
        var reply = Assert.Single(sent);
        Assert.Equal(pdf, reply.DecisionPdf);
        Assert.Equal("Bescheid Müller.pdf", reply.DecisionFileName);
        Assert.Null(reply.RefusedFile);
        Assert.Empty(cut.FindAll("#reply-pdf")); // back to a Nachforderung, nothing chosen
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
        var cut = Render<CreateCaseForm>(p => p.Add(x => x.Item, item).Add(x => x.UserId, clerkId).Add(x => x.Done, r => results.Add(r)));
        // The sender's files are looked up at once.
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=file-hits] input[type=radio]")));
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Single(results));
        Assert.IsType<RefusedOutcome>(results[0]);
        Assert.Contains("Bitte eine der gefundenen Akten wählen", results[0].Message);

        var first = cut.FindAll("[data-testid=file-hits] input[type=radio]")[0];
        var reference = first.GetAttribute("value")!;
        first.Change(true);
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Equal(2, results.Count));
        Assert.IsType<DoneOutcome>(results[1]);
        await using var check = _county.Db.Open(UnitScope.System);
        var created = await check.InboxItems.Where(i => i.Id == item.Id).Select(i => i.Case!.CaseFile!.Reference).SingleAsync();
        Assert.Equal(reference, created);
    }
}

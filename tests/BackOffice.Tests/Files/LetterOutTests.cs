using BackOffice.Data;
using BackOffice.Features.Administration;
using BackOffice.Features.Files;
using BackOffice.Features.Inbox;
using BackOffice.Infrastructure;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Files;

public class LetterOutTestsOnSqlite(SeededCounty county) : LetterOutTests<SeededCounty>(county);

public class LetterOutTestsOnMariaDb(SeededMariaDbCounty county) : LetterOutTests<SeededMariaDbCounty>(county);

/// <summary>Letters of cases that did not come through the portal (issue 11), on both engines: template, Postausgang, scope.</summary>
public abstract class LetterOutTests<TCounty>(TCounty county) : IClassFixture<TCounty> where TCounty : SeededCounty
{
    [Fact]
    public async Task A_paper_case_gets_its_letter_from_the_edited_template_into_the_postausgang_of_its_unit_only()
    {
        var unit = await county.UnitIdAsync("50.1");
        int caseId;
        CaseStatus status;
        await using (var db = county.Db.Open(UnitScope.System))
        {
            // A case not from the portal, not yet decided: its letters go by post.
            (caseId, status) = await db.Cases.Where(c => c.UnitId == unit && c.Status < CaseStatus.Nachforderung && c.Channel != Channel.Portal)
                .OrderBy(c => c.Id).Select(c => ValueTuple.Create(c.Id, c.Status)).FirstAsync();
            Assert.True((await LetterTemplates.SaveTemplateAsync(db, LetterKind.Nachforderung, "Unterlagen zu {Aktenzeichen}", "Bitte bis {Frist} einreichen.\nIhr {Behörde}", null)).IsDone);
            Assert.IsType<RefusedOutcome>(await LetterTemplates.SaveTemplateAsync(db, LetterKind.Bescheid, "Bescheid", "Text", "")); // no Rechtsbehelfsbelehrung
        }
        var letters = new LetterOut(county.Store, new InboxEvents());
        await using (var db = county.Db.Open(UnitScope.Of([unit])))
        {
            var draft = await LetterOut.DraftAsync(db, caseId, LetterKind.Nachforderung, "Anna Becker");
            var reference = await db.Cases.Where(c => c.Id == caseId).Select(c => c.Reference).SingleAsync();
            Assert.Equal($"Unterlagen zu {reference}", draft!.Subject);
            Assert.EndsWith("Ihr Landkreis Lindenau", draft.Body);
            // A page that saw another status sends nothing.
            Assert.IsType<StaleOutcome>(await letters.SendAsync(db, caseId, CaseStatus.Nachforderung, draft, new LetterOut.Writer(null, "Anna Becker")));
            var sent = await letters.SendAsync(db, caseId, status, draft, new LetterOut.Writer(null, "Anna Becker"));
            Assert.True(sent.IsDone, sent.Message);
            Assert.Contains("Postausgang", sent.Message);
        }
        await using (var db = county.Db.Open(UnitScope.Of([unit])))
        {
            var page = await PostOutbox.QueryAsync(db, pendingOnly: true, 0);
            var row = Assert.Single(page.Rows, r => r.CaseId == caseId);
            Assert.Equal(CaseStatus.Nachforderung, await db.Cases.Where(c => c.Id == caseId).Select(c => c.Status).SingleAsync());
            Assert.Equal(DocumentType.Nachforderung, await db.Documents.Where(d => d.CaseId == caseId).OrderByDescending(d => d.Id).Select(d => d.Type).FirstAsync());
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.CaseId == caseId)); // not a portal case
            await using (var other = county.Db.Open(UnitScope.Of([await county.UnitIdAsync("50.2")])))
            {
                Assert.DoesNotContain((await PostOutbox.QueryAsync(other, false, 0)).Rows, r => r.CaseId == caseId);
                Assert.IsType<RefusedOutcome>(await PostOutbox.MarkPostedAsync(other, row.Id));
            }
            Assert.True((await PostOutbox.MarkPostedAsync(db, row.Id)).IsDone);
            Assert.IsType<StaleOutcome>(await PostOutbox.MarkPostedAsync(db, row.Id));
            Assert.DoesNotContain((await PostOutbox.QueryAsync(db, pendingOnly: true, 0)).Rows, r => r.CaseId == caseId);
        }
    }

    [Fact]
    public void A_long_letter_wraps_onto_more_pages_and_keeps_umlauts_in_latin1()
    {
        var head = new Letterhead { Authority = "Landkreis Lindenau", Street = "Kreishausplatz 1", PostalCodeCity = "39100 Lindenau" };
        var body = string.Join("\n\n", Enumerable.Range(1, 40).Select(i => $"Absatz {i}: Die Größe des Grundstücks und die Maße der Überbauung sind nachzuweisen – „so“ genau wie möglich."));
        var pdf = LetterPdf.Create(new LetterPdf.Content(head, "Fachdienst Eingliederungshilfe", ["Anna Müller", "Lindenweg 4", "39100 Lindenau"], "50.1-00001/1",
            new DateOnly(2026, 11, 25), "Anna Becker", null, "Bescheid", body, "Rechtsbehelfsbelehrung: Widerspruch binnen eines Monats."));
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        Assert.StartsWith("%PDF-1.4", text);
        var pages = int.Parse(System.Text.RegularExpressions.Regex.Match(text, @"/Type /Pages /Kids \[[^\]]*\] /Count (\d+)").Groups[1].Value);
        Assert.True(pages >= 2, $"{pages} page(s)");
        Assert.Contains($"Seite {pages} von {pages}", text);
        Assert.Contains("Größe", text);
        Assert.All(PagedPdf.Wrap(body.Split("\n\n")[0], 455, 10.5), line => Assert.True(PagedPdf.TextWidth(line, 10.5) <= 455));
        // Names beyond Latin-1 print as their nearest letters; what cannot print at all is named.
        var named = System.Text.Encoding.Latin1.GetString(LetterPdf.Create(new LetterPdf.Content(head, "Fachdienst", ["Elif Yılmaz", "Łódź"], "50.1-1/1",
            new DateOnly(2026, 11, 25), "Lena Fischer (in Vertretung für Anna Becker)", null, "Bescheid", "Text", null)));
        Assert.Contains("Elif Yilmaz", named);
        Assert.Contains("L\u00f3dz", named); // Ł and ź transliterated, ó is Latin-1
        Assert.Contains("Vertretung f", named);
        Assert.DoesNotContain("Bearbeitet von: Lena Fischer \\(in Vertretung f\u00fcr Anna Becker", named); // the long line wraps instead of running off the page
        Assert.Equal(["😀"], PagedPdf.Unprintable("Grüße 😀 aus Łódź"));
    }

    [Fact]
    public async Task A_template_with_a_broken_placeholder_or_unprintable_characters_is_refused_and_a_letter_with_a_gap_is_not_sent()
    {
        await using var db = county.Db.Open(UnitScope.System);
        Assert.Contains("{Leistng}", (await LetterTemplates.SaveTemplateAsync(db, LetterKind.Nachforderung, "Ihr Antrag {Leistng}", "Text", null)).Message);
        Assert.Contains("{Frist.", (await LetterTemplates.SaveTemplateAsync(db, LetterKind.Nachforderung, "Betreff", "bis zum {Frist.", null)).Message);
        Assert.IsType<RefusedOutcome>(await LetterTemplates.SaveTemplateAsync(db, LetterKind.Nachforderung, "Betreff", "Grüße 😀", null));
        var head = await db.Letterheads.AsNoTracking().SingleAsync();
        head.Email = "keine-mail";
        Assert.IsType<RefusedOutcome>(await LetterTemplates.SaveLetterheadAsync(db, head));
        var caseId = await db.Cases.Where(c => c.Status < CaseStatus.Entschieden).Select(c => c.Id).FirstAsync();
        var (pdf, error) = await LetterOut.RenderAsync(db, caseId, new LetterOut.Draft(LetterKind.Nachforderung, "Betreff", "bis zum {Frist} einreichen"), new LetterOut.Writer(null, "Anna"));
        Assert.Null(pdf);
        Assert.Contains("{Frist}", error);
    }
}

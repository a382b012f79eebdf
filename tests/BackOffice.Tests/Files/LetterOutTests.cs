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
    public async Task A_letter_by_post_without_an_address_in_the_file_is_refused_and_goes_once_the_address_is_there()
    {
        var unit = await county.UnitIdAsync("50.1");
        int caseId, fileId;
        CaseStatus status;
        await using (var db = county.Db.Open(UnitScope.System))
        {
            // A paper case in work without letters; its file loses its address.
            var paper = await db.Cases.Where(c => c.UnitId == unit && c.Channel != Channel.Portal && !db.Submissions.Any(s => s.CaseId == c.Id)
                    && !db.Letters.Any(l => l.CaseId == c.Id) && (c.Service == null || !c.Service.RequiresCoSignature))
                .OrderBy(c => c.Id).FirstAsync();
            (paper.Status, paper.ClosedAt) = (CaseStatus.InBearbeitung, null);
            await db.SaveChangesAsync();
            (caseId, fileId, status) = (paper.Id, paper.CaseFileId, paper.Status);
            await db.CaseFiles.Where(f => f.Id == fileId).ExecuteUpdateAsync(f => f.SetProperty(x => x.ApplicantAddress, (string?)null));
        }
        var letters = new LetterOut(county.Store, new InboxEvents());
        await using (var db = county.Db.Open(UnitScope.Of([unit])))
        {
            var draft = await LetterOut.DraftAsync(db, caseId, LetterKind.Nachforderung, "Anna Becker");
            var refused = await letters.SendAsync(db, caseId, status, draft!, new LetterOut.Writer(null, "Anna Becker"));
            Assert.IsType<RefusedOutcome>(refused);
            Assert.StartsWith("Der Brief geht mit der Post, aber die Akte hat keine Anschrift für ", refused.Message);
            Assert.Equal(status, await db.Cases.Where(c => c.Id == caseId).Select(c => c.Status).SingleAsync());
            Assert.DoesNotContain((await PostOutbox.QueryAsync(db, pendingOnly: false, 0)).Rows, r => r.CaseId == caseId);

            await db.CaseFiles.Where(f => f.Id == fileId).ExecuteUpdateAsync(f => f.SetProperty(x => x.ApplicantAddress, "Lindenweg 4, 39100 Lindenau"));
            var sent = await letters.SendAsync(db, caseId, status, draft!, new LetterOut.Writer(null, "Anna Becker"));
            Assert.True(sent.IsDone, sent.Message);
        }
    }

    private static readonly Letterhead Head = new() { Authority = "Landkreis Lindenau", Street = "Kreishausplatz 1", PostalCodeCity = "39100 Lindenau",
        OfficeHours = "Mo–Fr 8–12 Uhr", BankDetails = "IBAN DE12 8105 3272 0001 2345 67" };

    [Fact]
    public void A_long_letter_wraps_onto_more_pages_numbered_from_the_first_and_keeps_every_character()
    {
        var body = string.Join("\n\n", Enumerable.Range(1, 40).Select(i => $"Absatz {i}: Die Größe des Grundstücks und die Maße der Überbauung sind nachzuweisen – „so“ genau wie möglich."));
        var pdf = LetterPdf.Create(new LetterPdf.Content(Head, "Fachdienst Eingliederungshilfe", ["Anna Müller", "Lindenweg 4", "39100 Lindenau"], "50.1-00001/1",
            new DateOnly(2026, 11, 25), "Anna Becker", null, "Bescheid", body, "Rechtsbehelfsbelehrung: Widerspruch binnen eines Monats."));
        var pages = PdfTools.Pages(pdf);
        Assert.True(pages >= 2, $"{pages} page(s)");
        var text = PdfTools.Text(pdf);
        for (var p = 1; p <= pages; p++) Assert.Contains($"Seite {p} von {pages}", text);
        Assert.Contains("Absatz 40: Die Größe des Grundstücks", text);
        Assert.Contains("„so“", text);
        Assert.Contains("Rechtsbehelfsbelehrung", text);
        Assert.Contains("Mo–Fr 8–12 Uhr", text); // the footer, on every page
        Assert.Equal(pages, System.Text.RegularExpressions.Regex.Matches(text, "IBAN DE12").Count);
        // A one-page letter has no page numbers.
        Assert.DoesNotContain("Seite 1 von 1", PdfTools.Text(LetterPdf.Create(new LetterPdf.Content(Head, "Fachdienst", ["Anna Müller"], "50.1-1/1",
            new DateOnly(2026, 11, 25), "Anna Becker", null, "Bescheid", "Kurz.", null))));
    }

    [Fact]
    public void Names_in_every_script_print_exactly_as_typed_and_what_no_font_has_is_named()
    {
        string[] names = ["Ayşe Yılmaz", "Łukasz Żółć", "Nguyễn Thị Minh Khai", "Ελένη Παπαδοπούλου", "Сергей Иванов", "Søren Ærø-Ångström", "Đorđe Čolić", "Şükrü Gündoğdu"];
        var pdf = LetterPdf.Create(new LetterPdf.Content(Head, "Fachdienst", [names[0], "Lindenweg 4", "39100 Lindenau"], "50.1-1/1",
            new DateOnly(2026, 11, 25), "Lena Fischer (in Vertretung für Anna Becker)", null, $"Bescheid für {names[3]}",
            string.Join("\n", names.Select(n => $"Antragsteller: {n}")) + "\nMitantragsteller: Mu\u0308ller", null, [("Lena Fischer", "Sachbearbeitung"), ("Сергей Иванов", "Schlusszeichnung")]));
        var text = PdfTools.Text(pdf);
        foreach (var name in names) Assert.Contains(name, text);
        Assert.Contains($"Bescheid für {names[3]}", text);
        Assert.Contains("gez. Сергей Иванов", text);
        Assert.Contains("Mitantragsteller: M\u00fcller", text); // typed decomposed, printed as the one letter it is
        Assert.Contains("Lena Fischer (in Vertretung für", text); // wrapped in the information block, not cut
        // Every font embedded, as CID fonts that keep each character's text.
        var fonts = PdfTools.Fonts(pdf).Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, row => Assert.Matches(@"DejaVu.*CID TrueType\s+Identity-H\s+yes\s+yes\s+yes", row));
        // What the fonts lack is named, with its code point; decomposed letters count as the composed ones they are.
        Assert.Equal(["中 (U+4E2D)", "文 (U+6587)"], PdfFonts.Missing("Grüße 中文 aus Łódź"));
        Assert.Empty(PdfFonts.Missing("Mu\u0308ller Nguyễn"));
        Assert.Equal(["(U+E000)"], PdfFonts.Missing("privat\ue000"));
    }

    private static Letterhead HeadWith(Action<Letterhead> change)
    {
        var head = new Letterhead { Authority = Head.Authority, Street = Head.Street, PostalCodeCity = Head.PostalCodeCity, OfficeHours = Head.OfficeHours, BankDetails = Head.BankDetails };
        change(head);
        return head;
    }

    [Fact]
    public void Letters_built_from_several_marks_print_every_mark()
    {
        // Vietnamese and Pinyin letters carry two marks, drawn in the font from parts of parts: each prints with more ink
        // than its bare letter (PDFsharp's subset once dropped the inner parts, and "Nguyễn" printed as "Nguyen").
        byte[] Big(string text) => SimplePdf.Create(".", [string.Concat(Enumerable.Repeat(text + " ", 30))]);
        foreach (var (marked, bare) in new[] { ("ễ", "e"), ("ầ", "a"), ("ự", "u"), ("Ǖ", "U"), ("ở", "o") })
        {
            var (withMarks, without) = (PdfTools.Ink(Big(marked)), PdfTools.Ink(Big(bare)));
            Assert.True(withMarks > without * 1.1, $"{marked}: {withMarks} dark pixels, {bare}: {without}");
        }
    }

    [Fact]
    public void What_a_letter_cannot_set_right_is_refused_and_a_letterhead_must_fit_its_places()
    {
        // Right-to-left scripts (neither joined nor reordered) and characters beyond the first plane (a wrong text layer).
        Assert.Equal(["ש (U+05E9)", "ל (U+05DC)", "ו (U+05D5)", "ם (U+05DD)"], PdfFonts.Missing("שלום"));
        Assert.Single(PdfFonts.Missing("محمد Müller"), c => c.Contains("U+0645"));
        Assert.Equal(["😀 (U+1F600)"], PdfFonts.Missing("Grüße 😀"));
        Assert.Null(LetterLayout.LetterheadProblem(Head));
        Assert.Contains("Behörde", LetterLayout.LetterheadProblem(new Letterhead { Authority = string.Concat(Enumerable.Repeat("Landkreisverwaltung ", 9)), Street = "A", PostalCodeCity = "B" }));
        Assert.Contains("Rücksendeangabe", LetterLayout.LetterheadProblem(HeadWith(h => h.Street = "Kreishausplatz 1, Verwaltungsgebäude Süd, Eingang C, drittes Obergeschoss, Zimmer 312")));
        Assert.Contains("Bankverbindung", LetterLayout.LetterheadProblem(HeadWith(h => h.BankDetails = "Sparkasse Lindenau – Zweigstelle am Marktplatz gegenüber dem Rathaus und der Kirche")));
        Assert.True(LetterLayout.Fits("Lindenweg 4", LetterLayout.AddressWidth));
        Assert.False(LetterLayout.Fits(string.Concat(Enumerable.Repeat("Hauptstraße ", 20)), LetterLayout.AddressWidth));
    }

    [Fact]
    public void A_letter_is_pdf_a_2b_with_its_title_reference_and_author_and_the_address_stands_in_the_window()
    {
        var pdf = LetterPdf.Create(new LetterPdf.Content(Head, "Fachdienst Eingliederungshilfe", ["Ayşe Yılmaz", "Lindenweg 4", "39100 Lindenau"], "50.1-00042/2026",
            new DateOnly(2026, 11, 25), "Anna Becker", "anna.becker@lindenau.example", "Bescheid über Ihren Antrag", "Text.", "Widerspruch binnen eines Monats."));
        Assert.Equal("", PdfTools.PdfAProblems(pdf, wholeStreams: true));
        var info = PdfTools.Info(pdf);
        Assert.Contains("Title:           Bescheid über Ihren Antrag", info);
        Assert.Contains("Author:          Anna Becker", info);
        Assert.Contains("Subject:         Aktenzeichen 50.1-00042/2026", info);
        // DIN 5008 form B: the address zone begins 62.7 mm from the top, 20 mm (the text 25 mm) from the left, 85 mm wide;
        // the return line sits in the 5 mm above the remarks zone; the information block from 125 mm; the subject near 98.5 mm.
        var words = PdfTools.Words(pdf);
        (string Word, double X, double Y) At(string word) => words.First(w => w.Word == word);
        var name = At("Ayşe");
        Assert.InRange(name.X, 24, 26);
        Assert.InRange(name.Y, 62.7, 67);
        Assert.InRange(words.First(w => w.Word == "39100" && w.Y > 50).Y, name.Y + 8, 90);
        Assert.InRange(words.First(w => w.Word == "Landkreis" && w.Y > 44).Y, 45, 50);
        Assert.InRange(At("Datum").X, 124, 126);
        Assert.InRange(At("Datum").Y, 50, 98);
        Assert.InRange(At("Bescheid").Y, 95, 100);
        Assert.All(words.Where(w => w.Y is > 62.7 and < 90 && w.X < 110), w => Assert.InRange(w.X, 20, 105)); // nothing but the address in the window
        Assert.Equal(1, PdfTools.Pages(pdf));
    }

    [Fact]
    public void The_plain_documents_of_demo_and_tests_are_pdf_a_and_keep_their_text()
    {
        var pdf = SimplePdf.Create("Antrag Ayşe Yılmaz", Enumerable.Range(1, 120).Select(i => $"Zeile {i}: Łódź, Ελένη, Сергей"));
        Assert.Equal("", PdfTools.PdfAProblems(pdf));
        Assert.True(PdfTools.Pages(pdf) >= 2);
        var text = PdfTools.Text(pdf);
        Assert.Contains("Antrag Ayşe Yılmaz", text);
        Assert.Contains("Zeile 120: Łódź, Ελένη, Сергей", text);
    }

    [Fact]
    public async Task The_administration_adds_templates_a_clerk_writes_from_them_and_a_schreiben_leaves_the_status()
    {
        var unit = await county.UnitIdAsync("50.1");
        int caseId, added, rejection;
        await using (var db = county.Db.Open(UnitScope.System))
        {
            Assert.Contains("Namen", (await LetterTemplates.SaveTemplateAsync(db, null, " ", LetterKind.Schreiben, "Termin", "Text", null)).Message);
            Assert.True((await LetterTemplates.SaveTemplateAsync(db, null, "Terminbestätigung", LetterKind.Schreiben, "Ihr Termin zu {Aktenzeichen}",
                "Sehr geehrte Damen und Herren,\n\nIhr Termin ist am Montag.\n\n{Sachbearbeitung}", null)).IsDone);
            Assert.Contains("gibt es schon", (await LetterTemplates.SaveTemplateAsync(db, null, "Terminbestätigung", LetterKind.Schreiben, "B", "T", null)).Message);
            Assert.Contains("Rechtsbehelfsbelehrung", (await LetterTemplates.SaveTemplateAsync(db, null, "Ablehnung", LetterKind.Bescheid, "Ablehnung", "Abgelehnt.", "")).Message);
            Assert.True((await LetterTemplates.SaveTemplateAsync(db, null, "Ablehnung", LetterKind.Bescheid, "Ablehnung Ihres Antrags", "Abgelehnt.",
                "Gegen die Ablehnung ist der Widerspruch beim {Behörde} möglich.")).IsDone);
            added = await db.LetterTemplates.Where(t => t.Name == "Terminbestätigung").Select(t => t.Id).SingleAsync();
            rejection = await db.LetterTemplates.Where(t => t.Name == "Ablehnung").Select(t => t.Id).SingleAsync();
            // The county's own Nachforderung keeps its kind and stays.
            var own = await db.LetterTemplates.AsNoTracking().Where(t => t.Kind == LetterKind.Nachforderung).OrderBy(t => t.Id).FirstAsync();
            Assert.Contains("ihre Art bleibt", (await LetterTemplates.SaveTemplateAsync(db, own.Id, own.Name, LetterKind.Schreiben, own.Subject, own.Body, null)).Message);
            Assert.Contains("bleibt", (await LetterTemplates.DeleteTemplateAsync(db, own.Id)).Message);
            var open = await db.Cases.Where(c => c.UnitId == unit && c.Channel != Channel.Portal && !db.Letters.Any(l => l.CaseId == c.Id)
                    && (c.Service == null || !c.Service.RequiresCoSignature)).OrderByDescending(c => c.Id).FirstAsync();
            (open.Status, open.ClosedAt) = (CaseStatus.InBearbeitung, null);
            await db.SaveChangesAsync();
            // It goes by post: its file needs an address (a case another test made may have none).
            await db.CaseFiles.Where(f => f.Id == open.CaseFileId && f.ApplicantAddress == null)
                .ExecuteUpdateAsync(f => f.SetProperty(x => x.ApplicantAddress, "Am Mühlbach 3, 39100 Lindenau"));
            caseId = open.Id;
        }
        var letters = new LetterOut(county.Store, new InboxEvents());
        await using (var db = county.Db.Open(UnitScope.Of([unit])))
        {
            var choices = await LetterOut.ChoicesAsync(db);
            Assert.Contains(choices, c => c.Id == added && c.Kind == LetterKind.Schreiben && c.Name == "Terminbestätigung");
            // The added Bescheid prints its own Rechtsbehelfsbelehrung.
            var refusal = await LetterOut.DraftAsync(db, caseId, LetterKind.Bescheid, rejection, "Anna Becker");
            var (pdf, _) = await LetterOut.RenderAsync(db, caseId, refusal!, new LetterOut.Writer(null, "Anna Becker"));
            Assert.Contains("Gegen die Ablehnung ist der Widerspruch beim Landkreis Lindenau möglich.", PdfTools.FlatText(pdf!));
            var draft = await LetterOut.DraftAsync(db, caseId, LetterKind.Schreiben, added, "Anna Becker");
            var reference = await db.Cases.Where(c => c.Id == caseId).Select(c => c.Reference).SingleAsync();
            Assert.Equal($"Ihr Termin zu {reference}", draft!.Subject);
            var sent = await letters.SendAsync(db, caseId, CaseStatus.InBearbeitung, draft, new LetterOut.Writer(null, "Anna Becker"));
            Assert.Contains("Das Schreiben liegt", sent.Message);
            Assert.Equal(CaseStatus.InBearbeitung, await db.Cases.Where(c => c.Id == caseId).Select(c => c.Status).SingleAsync());
            var letter = await db.Letters.Include(l => l.Document).SingleAsync(l => l.CaseId == caseId);
            Assert.Equal((LetterKind.Schreiben, DocumentType.Schreiben), (letter.Kind, letter.Document!.Type));
        }
        await using (var db = county.Db.Open(UnitScope.System))
        {
            Assert.True((await LetterTemplates.DeleteTemplateAsync(db, added)).IsDone);
            Assert.False(await db.LetterTemplates.AnyAsync(t => t.Id == added));
        }
    }

    [Fact]
    public async Task A_template_with_a_broken_placeholder_or_unprintable_characters_is_refused_and_a_letter_with_a_gap_is_not_sent()
    {
        await using var db = county.Db.Open(UnitScope.System);
        Assert.Contains("{Leistng}", (await LetterTemplates.SaveTemplateAsync(db, LetterKind.Nachforderung, "Ihr Antrag {Leistng}", "Text", null)).Message);
        Assert.Contains("{Frist.", (await LetterTemplates.SaveTemplateAsync(db, LetterKind.Nachforderung, "Betreff", "bis zum {Frist.", null)).Message);
        Assert.Contains("中 (U+4E2D)", (await LetterTemplates.SaveTemplateAsync(db, LetterKind.Nachforderung, "Betreff", "Grüße 中", null)).Message);
        var head = await db.Letterheads.AsNoTracking().SingleAsync();
        head.Email = "keine-mail";
        Assert.IsType<RefusedOutcome>(await LetterTemplates.SaveLetterheadAsync(db, head));
        var caseId = await db.Cases.Where(c => c.Status < CaseStatus.Entschieden).Select(c => c.Id).FirstAsync();
        var (pdf, error) = await LetterOut.RenderAsync(db, caseId, new LetterOut.Draft(LetterKind.Nachforderung, "Betreff", "bis zum {Frist} einreichen"), new LetterOut.Writer(null, "Anna"));
        Assert.Null(pdf);
        Assert.Contains("{Frist}", error);
    }
}

using BackOffice.Data;
using BackOffice.Infrastructure;
using PdfSharp.Drawing;
using PdfSharp.UniversalAccessibility;

namespace BackOffice.Features.Files;

/// <summary>
/// A letter as a PDF/A after DIN 5008 form B: letterhead, return line and address field in the window, fold and punch
/// marks, information block, subject, text over as many pages as it needs ("Seite x von y" on every page of a longer
/// letter, with a running header from page 2), the signatures of a signed-off letter, the Rechtsbehelfsbelehrung of a
/// Bescheid, and the footer with office hours and bank details on every page.
/// </summary>
public static class LetterPdf
{
    /// <param name="Signatures">"gez." lines of a letter that was signed off (Schlusszeichnung): name and role of each signer.</param>
    public sealed record Content(Letterhead Head, string Unit, IReadOnlyList<string> Recipient, string Reference, DateOnly Date,
        string ClerkName, string? ClerkEmail, string Subject, string Body, string? RemedyNotice,
        IReadOnlyList<(string Name, string Role)>? Signatures = null, DateOnly? ApplicationDate = null);

    private const double Mm = ArchivePdf.Mm;
    // Form B, in millimetres from the page's top left corner.
    public const double AddressLeft = 25, AddressFieldTop = 45, AddressZoneTop = 62.7, AddressFieldBottom = 90;
    public const double InfoLeft = 125, InfoTop = 50, SubjectTop = 98.46, TextLeft = 25, TextRight = 190;
    public const double FoldMark1 = 105, PunchMark = 148.5, FoldMark2 = 210;
    private const double TextBottom = 262, FollowTop = 30, FooterTop = 272;
    /// <summary>Lines of the recipient's address that fit into the address zone.</summary>
    public const int MaxAddressLines = 6;

    private static readonly XFont Authority = ArchivePdf.Font(14, bold: true), Small = ArchivePdf.Font(8), Label = ArchivePdf.Font(7.5),
        Normal = ArchivePdf.Font(10), Text = ArchivePdf.Font(10.5), SubjectFont = ArchivePdf.Font(11, bold: true),
        Heading = ArchivePdf.Font(10.5, bold: true), Remedy = ArchivePdf.Font(9);
    private const double TextLine = 13.8, RemedyLine = 11.8;

    /// <summary>A line of text at a place of a page (points from the top left, baseline), or a rule of a length.</summary>
    private sealed record Line(double X, double Y, string Text, XFont Font, bool Right = false, double Rule = 0)
    {
        public static Line RuleAt(double x, double y, double length) => new(x, y, "", Small, Rule: length);
    }

    /// <summary>Lines drawn together, tagged as one element (or an artifact when the tag is null).</summary>
    private sealed record Block(int Page, PdfBlockLevelElementTag? Tag, List<Line> Lines);

    public static byte[] Create(Content c)
    {
        // Composed (NFC): a letter typed as "u" plus a combining mark prints as the one letter it is, not as two glyphs.
        static string Nfc(string text) => text.Normalize(System.Text.NormalizationForm.FormC);
        c = c with { Recipient = c.Recipient.Select(Nfc).ToList(), Subject = Nfc(c.Subject), Body = Nfc(c.Body), RemedyNotice = c.RemedyNotice is null ? null : Nfc(c.RemedyNotice),
            ClerkName = Nfc(c.ClerkName), Signatures = c.Signatures?.Select(s => (Nfc(s.Name), s.Role)).ToList() };
        var blocks = new List<Block>();
        FirstPageHead(c, blocks);
        var flow = new Flow(blocks);
        flow.Paragraphs(PdfBlockLevelElementTag.Heading1, c.Subject, SubjectFont, 15);
        flow.Skip(10);
        flow.Paragraphs(PdfBlockLevelElementTag.Paragraph, c.Body, Text, TextLine);
        if (c.Signatures is { Count: > 0 } signatures) flow.Signatures(signatures);
        if (c.RemedyNotice is { Length: > 0 } remedy)
        {
            flow.Skip(16);
            flow.Paragraphs(PdfBlockLevelElementTag.Heading2, "Rechtsbehelfsbelehrung", Heading, TextLine, keepWithNext: 3);
            flow.Paragraphs(PdfBlockLevelElementTag.Paragraph, remedy.StartsWith("Rechtsbehelfsbelehrung:") ? remedy["Rechtsbehelfsbelehrung:".Length..].Trim() : remedy,
                Remedy, RemedyLine);
        }
        var pages = flow.Page + 1;
        for (var p = 0; p < pages; p++) Furniture(c, p, pages, blocks);

        var pdf = new ArchivePdf(c.Subject, c.Signatures is { Count: > 0 } s ? string.Join(", ", s.Select(x => x.Name)) : c.ClerkName,
            $"Aktenzeichen {c.Reference}", c.Reference);
        for (var p = 0; p < pages; p++)
        {
            using var g = pdf.Page();
            foreach (var block in blocks.Where(b => b.Page == p))
            {
                void Draw()
                {
                    foreach (var l in block.Lines)
                    {
                        if (l.Rule > 0) { g.DrawLine(new XPen(XColors.Black, 0.4), l.X, l.Y, l.X + l.Rule, l.Y); continue; }
                        var x = l.Right ? l.X - ArchivePdf.Width(l.Text, l.Font) : l.X;
                        g.DrawString(l.Text, l.Font, XBrushes.Black, x, l.Y);
                    }
                }
                if (block.Tag is { } tag) pdf.Tagged(tag, Draw); else pdf.Artifact(Draw);
            }
        }
        return pdf.ToBytes(repack: true);
    }

    /// <summary>Letterhead, return line, address, information block: page 1 above the subject.</summary>
    private static void FirstPageHead(Content c, List<Block> blocks)
    {
        blocks.Add(new Block(0, PdfBlockLevelElementTag.Paragraph, [new(TextLeft * Mm, 17 * Mm, c.Head.Authority, Fit(c.Head.Authority, 14, LetterLayout.AuthorityWidth * Mm, bold: true)),
            new(TextLeft * Mm, 23 * Mm, c.Unit, Fit(c.Unit, 10, LetterLayout.AuthorityWidth * Mm))]));
        var contact = new[] { c.Head.Street, c.Head.PostalCodeCity, c.Head.Phone is { } p ? $"Telefon {p}" : null, c.Head.Email, c.Head.Website }.OfType<string>();
        blocks.Add(new Block(0, PdfBlockLevelElementTag.Paragraph, contact.Select((t, i) => new Line(InfoLeft * Mm, (14 + i * 3.8) * Mm, t, Small)).ToList()));

        // The return line in its 5 mm zone at the top of the address field, then the address zone below the remarks zone.
        var returnLine = LetterLayout.ReturnLine(c.Head);
        blocks.Add(new Block(0, PdfBlockLevelElementTag.Paragraph, [new(AddressLeft * Mm, (AddressFieldTop + 3.5) * Mm, returnLine, Fit(returnLine, 7, LetterLayout.AddressWidth * Mm))]));
        blocks.Add(new Block(0, PdfBlockLevelElementTag.Paragraph,
            c.Recipient.Take(MaxAddressLines).Select((t, i) => new Line(AddressLeft * Mm, (AddressZoneTop + 3.8 + i * 4.23) * Mm, t, Fit(t, 10, LetterLayout.AddressWidth * Mm))).ToList()));

        var info = new List<(string Label, string Value)> { ("Unser Zeichen", c.Reference) };
        if (c.ApplicationDate is { } applied) info.Add(("Ihr Antrag vom", applied.ToString("dd.MM.yyyy", Labels.German)));
        info.Add(("Bearbeitet von", c.ClerkName));
        if (c.ClerkEmail is { } contactLine) info.Add(("E-Mail", contactLine));
        info.Add(("Datum", c.Date.ToString("dd.MM.yyyy", Labels.German)));
        var lines = new List<Line>();
        var y = InfoTop * Mm + 8;
        foreach (var (label, value) in info)
        {
            lines.Add(new(InfoLeft * Mm, y, label, Label));
            y += 11;
            foreach (var part in ArchivePdf.Wrap(value, Normal, 70 * Mm)) { lines.Add(new(InfoLeft * Mm, y, part, Normal)); y += 12; }
            y += 3;
        }
        blocks.Add(new Block(0, PdfBlockLevelElementTag.Paragraph, lines));
    }

    /// <summary>Marks, page numbers, the running header from page 2 and the footer.</summary>
    private static void Furniture(Content c, int page, int pages, List<Block> blocks)
    {
        var lines = new List<Line>
        {
            Line.RuleAt(3 * Mm, FoldMark1 * Mm, 5 * Mm),
            Line.RuleAt(3 * Mm, PunchMark * Mm, 7 * Mm),
            Line.RuleAt(3 * Mm, FoldMark2 * Mm, 5 * Mm),
        };
        if (pages > 1)
        {
            var number = $"Seite {page + 1} von {pages}";
            if (page == 0) lines.Add(new(TextRight * Mm, (TextBottom + 5) * Mm, number, Small, Right: true));
            else
            {
                lines.Add(new(TextLeft * Mm, 17 * Mm, $"{c.Head.Authority} · {c.Reference} · {c.Date.ToString("dd.MM.yyyy", Labels.German)}", Small));
                lines.Add(new(TextRight * Mm, 17 * Mm, number, Small, Right: true));
            }
        }
        var columns = new (string? Heading, string? Text)[]
        {
            (c.Head.Authority, string.Join('\n', new[] { c.Head.Street, c.Head.PostalCodeCity, c.Head.Website }.OfType<string>())),
            ("Sprechzeiten", c.Head.OfficeHours),
            ("Bankverbindung", c.Head.BankDetails),
        };
        lines.Add(Line.RuleAt(TextLeft * Mm, FooterTop * Mm, (TextRight - TextLeft) * Mm));
        for (var i = 0; i < columns.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(columns[i].Text)) continue;
            var x = (TextLeft + i * 57) * Mm;
            lines.Add(new(x, (FooterTop + 4) * Mm, columns[i].Heading!, Fit(columns[i].Heading!, 7.5, LetterLayout.FooterColumnWidth * Mm, bold: true)));
            var parts = columns[i].Text!.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(4);
            lines.AddRange(parts.Select((t, k) => new Line(x, (FooterTop + 7.4 + k * 3.3) * Mm, t, Fit(t, 7.5, LetterLayout.FooterColumnWidth * Mm))));
        }
        blocks.Add(new Block(page, null, lines));
    }

    /// <summary>
    /// The font for a line that has one place (an address line in the window, a footer line, a signature): its size, or
    /// smaller until the line fits, down to 6 points. Nothing is ever cut off a name.
    /// </summary>
    private static XFont Fit(string text, double size, double width, bool bold = false)
    {
        var font = ArchivePdf.Font(size, bold);
        while (size > LetterLayout.MinSize && ArchivePdf.Width(text, font) > width) font = ArchivePdf.Font(size -= 0.5, bold);
        return font;
    }

    /// <summary>The text from the subject on, page after page.</summary>
    private sealed class Flow(List<Block> blocks)
    {
        public int Page { get; private set; }
        private double _y = SubjectTop * Mm + 8;
        private const double Width = (TextRight - TextLeft) * Mm;

        public void Skip(double points) => _y += points;

        private void NewPage()
        {
            Page++;
            _y = FollowTop * Mm;
        }

        /// <summary>Paragraphs of a text (an empty line between them), wrapped; <paramref name="keepWithNext"/> lines must fit below it.</summary>
        public void Paragraphs(PdfBlockLevelElementTag tag, string text, XFont font, double lineHeight, int keepWithNext = 0)
        {
            foreach (var paragraph in text.Replace("\r\n", "\n").Split('\n'))
            {
                var wrapped = ArchivePdf.Wrap(paragraph, font, Width).ToList();
                if (_y + (wrapped.Count + keepWithNext) * lineHeight > TextBottom * Mm && wrapped.Count + keepWithNext <= 4) NewPage(); // no lone line
                Block? block = null;
                foreach (var line in wrapped)
                {
                    if (_y > TextBottom * Mm) { NewPage(); block = null; }
                    if (line.Length > 0)
                    {
                        if (block is null) blocks.Add(block = new Block(Page, tag, []));
                        block.Lines.Add(new(TextLeft * Mm, _y, line, font));
                    }
                    _y += lineHeight;
                }
            }
        }

        /// <summary>The "gez." lines side by side, each with its role below.</summary>
        public void Signatures(IReadOnlyList<(string Name, string Role)> signatures)
        {
            _y += 10;
            if (_y + 2 * TextLine > TextBottom * Mm) NewPage();
            var lines = new List<Line>();
            var column = Width / signatures.Count;
            for (var i = 0; i < signatures.Count; i++)
            {
                var x = TextLeft * Mm + i * column;
                var signed = $"gez. {signatures[i].Name}";
                lines.Add(new(x, _y, signed, Fit(signed, Text.Size, column - 6)));
                lines.Add(new(x, _y + 11, signatures[i].Role, Small));
            }
            blocks.Add(new Block(Page, PdfBlockLevelElementTag.Paragraph, lines));
            _y += 2 * TextLine;
        }
    }

    /// <summary>"Müller, Anna" as a letter writes it: "Anna Müller".</summary>
    public static string NameForAddress(string name) =>
        name.Split(", ", 2) is [var last, var first] ? $"{first} {last}" : name;
}

using PdfSharp.UniversalAccessibility;

namespace BackOffice.Infrastructure;

/// <summary>
/// A plain PDF/A document of a title and lines of text, wrapped and paged: the demo county's documents, the sample
/// portal's submissions and the tests' files come from the same library as the letters.
/// </summary>
public static class SimplePdf
{
    public static byte[] Create(string title, IEnumerable<string> lines)
    {
        const double left = 25 * ArchivePdf.Mm, width = 160 * ArchivePdf.Mm, top = 25 * ArchivePdf.Mm, bottom = 277 * ArchivePdf.Mm;
        var (heading, text) = (ArchivePdf.Font(16), ArchivePdf.Font(11)); // one face: each embedded face adds about 20 KB
        var pdf = new ArchivePdf(title, "BackOffice");
        var wrapped = lines.SelectMany(l => ArchivePdf.Wrap(l, text, width)).ToList();
        var g = pdf.Page();
        var y = top;
        pdf.Tagged(PdfBlockLevelElementTag.Heading1, () => g.DrawString(title, heading, PdfSharp.Drawing.XBrushes.Black, left, y));
        y += 12 * ArchivePdf.Mm;
        var at = 0;
        while (at < wrapped.Count)
        {
            var onPage = wrapped.Skip(at).TakeWhile((_, i) => y + i * 15 < bottom).ToList();
            var startY = y;
            pdf.Tagged(PdfBlockLevelElementTag.Paragraph, () =>
            {
                for (var i = 0; i < onPage.Count; i++) g.DrawString(onPage[i], text, PdfSharp.Drawing.XBrushes.Black, left, startY + i * 15);
            });
            at += onPage.Count;
            if (at < wrapped.Count) { g.Dispose(); g = pdf.Page(); y = top; }
        }
        g.Dispose();
        return pdf.ToBytes();
    }
}

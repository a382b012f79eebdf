using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace BackOffice.Infrastructure;

/// <summary>
/// A PDF as the county keeps it: PDF/A-2b (fonts embedded, sRGB output intent, XMP metadata matching the document
/// information), tagged (text in headings and paragraphs, page furniture as artifacts) and in German, written by PDFsharp
/// with the DejaVu fonts of <see cref="PdfFonts"/>. Pages are A4; draw on each with <see cref="Page"/>.
/// </summary>
public sealed class ArchivePdf
{
    public const double Mm = 72 / 25.4;
    public static readonly XSize A4 = new(210 * Mm, 297 * Mm);

    private readonly PdfDocument _doc = new();
    private readonly StructureBuilder _tags;

    /// <param name="title">The document's title (what a viewer shows, and dc:title).</param>
    /// <param name="author">Who wrote it (dc:creator).</param>
    /// <param name="subject">What it is about, e.g. "Aktenzeichen 50.1-00042/2026" (dc:description).</param>
    public ArchivePdf(string title, string author, string? subject = null, string? keywords = null)
    {
        PdfFonts.Register();
        _doc.Info.Title = title;
        _doc.Info.Author = author;
        if (subject is not null) _doc.Info.Subject = subject;
        if (keywords is not null) _doc.Info.Keywords = keywords;
        _doc.Info.Creator = "BackOffice";
        // Content streams unpacked here: PDFsharp's deflate streams lack their check value (see Repack).
        _doc.Options.CompressContentStreams = false;
        _doc.SetPdfA(); // output intent, metadata, and structure tags through the UAManager
        var ua = UAManager.ForDocument(_doc);
        ua.SetDocumentLanguage("de-DE");
        _tags = ua.StructureBuilder;
    }

    /// <summary>A new A4 page; dispose the graphics before the next page.</summary>
    public XGraphics Page()
    {
        var page = _doc.AddPage();
        page.Width = XUnit.FromPoint(A4.Width);
        page.Height = XUnit.FromPoint(A4.Height);
        return XGraphics.FromPdfPage(page);
    }

    /// <summary>Draws text that belongs to the document's content, tagged as <paramref name="tag"/>.</summary>
    public void Tagged(PdfBlockLevelElementTag tag, Action draw)
    {
        _tags.BeginElement(tag);
        draw();
        _tags.End();
    }

    /// <summary>Draws page furniture (marks, page numbers, running header and footer) that a screen reader skips.</summary>
    public void Artifact(Action draw)
    {
        _tags.BeginArtifact();
        draw();
        _tags.End();
    }

    /// <param name="repack">
    /// Packs the file again with Debian's qpdf: PDFsharp's deflate streams (fonts, colour profile) end without the zlib
    /// check value, which readers tolerate but an archive should not hold. Letters, which are kept for decades, are
    /// repacked (about 10 ms); the demo's and the tests' documents are not.
    /// </param>
    public byte[] ToBytes(bool repack = false)
    {
        using var stream = new MemoryStream();
        _doc.Save(stream);
        var pdf = DeclarePdfA2b(stream.ToArray());
        return repack ? Repack(pdf) : pdf;
    }

    private static byte[] Repack(byte[] pdf)
    {
        var (input, output) = (Path.GetTempFileName(), Path.GetTempFileName());
        try
        {
            File.WriteAllBytes(input, pdf);
            using var qpdf = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("qpdf",
                ["--recompress-flate", "--compression-level=9", input, output]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            var errors = qpdf.StandardError.ReadToEndAsync();
            qpdf.StandardOutput.ReadToEnd();
            if (!qpdf.WaitForExit(TimeSpan.FromSeconds(30))) { qpdf.Kill(); throw new TimeoutException("qpdf did not finish repacking a letter in 30 s."); }
            // 3: done with warnings, which are the streams it repaired.
            if (qpdf.ExitCode is not (0 or 3)) throw new InvalidOperationException($"qpdf could not repack a letter ({qpdf.ExitCode}): {errors.Result}");
            return File.ReadAllBytes(output);
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }

    /// <summary>
    /// PDFsharp labels its PDF/A output part 1, level A. What it writes meets PDF/A-2b, which is what the county keeps, so
    /// the label says that. Both replacements keep their length, so no offset of the file moves; if PDFsharp ever writes
    /// its label differently this fails loudly rather than claiming something unchecked.
    /// </summary>
    private static byte[] DeclarePdfA2b(byte[] pdf)
    {
        ReplaceOnce(pdf, "<pdfaid:part>1</pdfaid:part>", "<pdfaid:part>2</pdfaid:part>");
        ReplaceOnce(pdf, "<pdfaid:conformance>A</pdfaid:conformance>", "<pdfaid:conformance>B</pdfaid:conformance>");
        return pdf;
    }

    private static void ReplaceOnce(byte[] pdf, string from, string to)
    {
        var (f, t) = (Encoding.ASCII.GetBytes(from), Encoding.ASCII.GetBytes(to));
        var at = pdf.AsSpan().IndexOf(f);
        if (at < 0 || pdf.AsSpan(at + f.Length).IndexOf(f) >= 0)
            throw new InvalidOperationException($"The PDF/A label '{from}' is not in PDFsharp's metadata exactly once.");
        t.CopyTo(pdf, at);
    }

    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    /// <summary>DejaVu Sans at a size in points; always Unicode-encoded, so every character keeps its text for copying and search.</summary>
    public static XFont Font(double size, bool bold = false)
    {
        PdfFonts.Register();
        return new(PdfFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);
    }

    /// <summary>Words of a paragraph in lines no wider than <paramref name="width"/> points; a word longer than a line is cut.</summary>
    public static IEnumerable<string> Wrap(string paragraph, XFont font, double width)
    {
        var words = paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) { yield return ""; yield break; }
        var line = new StringBuilder();
        foreach (var word in words)
        {
            var candidate = line.Length == 0 ? word : $"{line} {word}";
            if (Width(candidate, font) <= width) { line.Clear().Append(candidate); continue; }
            if (line.Length > 0) { yield return line.ToString(); line.Clear(); }
            var rest = word;
            while (Width(rest, font) > width)
            {
                var n = rest.Length - 1;
                while (n > 1 && Width(rest[..n], font) > width) n--;
                if (char.IsHighSurrogate(rest[n - 1])) n--; // never split a character in two
                yield return rest[..n];
                rest = rest[n..];
            }
            line.Append(rest);
        }
        if (line.Length > 0) yield return line.ToString();
    }

    private static readonly XGraphics Measure = XGraphics.CreateMeasureContext(A4, XGraphicsUnit.Point, XPageDirection.Downwards);
    private static readonly Lock MeasureGate = new();

    public static double Width(string text, XFont font)
    {
        lock (MeasureGate) return Measure.MeasureString(text, font).Width;
    }
}

using System.Globalization;
using System.Text;

namespace BackOffice.Infrastructure;

/// <summary>
/// A small PDF writer for letters: A4 pages of Helvetica text (regular and bold), words wrapped to a width, new pages
/// as the text needs them. Only the PDF standard fonts, so nothing has to be installed; text outside Latin-1 becomes '?'.
/// </summary>
public sealed class PagedPdf
{
    public const double Width = 595, Height = 842;
    private const double Bottom = 70;
    private readonly List<StringBuilder> _pages = [];
    private StringBuilder _page = null!;
    /// <summary>Where the next line goes, from the bottom of the page (PDF coordinates).</summary>
    public double Y { get; private set; }

    public PagedPdf() => NewPage();

    public void NewPage()
    {
        _page = new StringBuilder();
        _pages.Add(_page);
        Y = Height - 60;
    }

    /// <summary>One line at a position, not wrapped (letterhead, address field).</summary>
    public void At(double x, double y, string text, double size = 10, bool bold = false) =>
        _page.Append(CultureInfo.InvariantCulture, $"BT /{(bold ? "F2" : "F1")} {size} Tf {x} {y} Td ({Escape(text)}) Tj ET\n");

    /// <summary>Text from the current line on, wrapped to <paramref name="width"/> points; an empty line is a paragraph break.</summary>
    public void Paragraphs(string text, double x = 70, double width = 455, double size = 10.5, bool bold = false)
    {
        var lineHeight = size * 1.35;
        foreach (var paragraph in text.Replace("\r\n", "\n").Split('\n'))
        {
            foreach (var line in Wrap(paragraph, width, size, bold))
            {
                if (Y < Bottom) NewPage();
                At(x, Y, line, size, bold);
                Y -= lineHeight;
            }
        }
    }

    public void Skip(double points) => Y -= points;

    public void MoveTo(double y) => Y = y;

    public byte[] ToBytes()
    {
        var objects = new List<byte[]>
        {
            Latin("<< /Type /Catalog /Pages 2 0 R >>"),
            Latin($"<< /Type /Pages /Kids [{string.Join(' ', _pages.Select((_, i) => $"{5 + 2 * i} 0 R"))}] /Count {_pages.Count} >>"),
            Latin("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
            Latin("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"),
        };
        for (var i = 0; i < _pages.Count; i++)
        {
            // Page numbers from the second page on, as letters have them.
            var text = _pages[i].ToString() + (_pages.Count > 1 ? $"BT /F1 8 Tf 480 40 Td (Seite {i + 1} von {_pages.Count}) Tj ET\n" : "");
            var content = Encoding.Latin1.GetBytes(Latinise(text));
            objects.Add(Latin($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {Width} {Height}] /Contents {6 + 2 * i} 0 R /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>"));
            objects.Add([.. Latin($"<< /Length {content.Length} >>\nstream\n"), .. content, .. Latin("\nendstream")]);
        }
        return Assemble(objects);
    }

    /// <summary>A PDF file of numbered objects (1 is the catalog): header, the objects, their cross-reference table, trailer.</summary>
    public static byte[] Assemble(IReadOnlyList<byte[]> objects)
    {
        using var pdf = new MemoryStream();
        pdf.Write(Latin("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n"));
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Position);
            pdf.Write(Latin($"{i + 1} 0 obj\n"));
            pdf.Write(objects[i]);
            pdf.Write(Latin("\nendobj\n"));
        }
        var xref = pdf.Position;
        var table = new StringBuilder($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) table.Append(o.ToString("D10", CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        pdf.Write(Latin(table.ToString()));
        return pdf.ToArray();
    }

    /// <summary>Words of a paragraph in lines no wider than <paramref name="width"/>; a word longer than a line is cut.</summary>
    public static IEnumerable<string> Wrap(string paragraph, double width, double size, bool bold = false)
    {
        var words = paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) { yield return ""; yield break; }
        var line = new StringBuilder();
        foreach (var word in words)
        {
            var candidate = line.Length == 0 ? word : $"{line} {word}";
            if (TextWidth(candidate, size, bold) <= width) { line.Clear().Append(candidate); continue; }
            if (line.Length > 0) { yield return line.ToString(); line.Clear(); }
            var rest = word;
            while (TextWidth(rest, size, bold) > width)
            {
                var n = rest.Length;
                while (n > 1 && TextWidth(rest[..n], size, bold) > width) n--;
                yield return rest[..n];
                rest = rest[n..];
            }
            line.Append(rest);
        }
        if (line.Length > 0) yield return line.ToString();
    }

    /// <summary>The width of a text in points: Helvetica's widths for the common letters, a safe average for the rest.</summary>
    public static double TextWidth(string text, double size, bool bold = false)
    {
        double units = 0;
        foreach (var c in text) units += c switch
        {
            ' ' => 278, 'i' or 'j' or 'l' or '.' or ',' or ':' or ';' or '!' or '|' or '\'' => 240, 'f' or 't' or 'I' or 'r' => 333,
            'm' or 'M' or 'W' => 833, 'w' => 722, >= 'A' and <= 'Z' => 700, >= '0' and <= '9' => 556, _ => 556,
        };
        return units * size / 1000 * (bold ? 1.06 : 1);
    }

    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("(", "\\(").Replace(")", "\\)");

    /// <summary>Characters of a text that no letter can print, even transliterated (emoji, Cyrillic, ...).</summary>
    public static IReadOnlyList<string> Unprintable(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.EnumerateRunes().Where(r => r.Value > 0xFF && Printable(r) is null).Select(r => r.ToString()).Distinct().ToList();

    /// <summary>A letter outside Latin-1 as its nearest printable one (Łódź as Lodz, Yılmaz as Yilmaz), or null.</summary>
    private static char? Printable(System.Text.Rune r)
    {
        if (r.Value is '€' or '‚' or '„' or '…' or '‘' or '’' or '“' or '”' or '–' or '—') return (char)r.Value;
        if (r.Value == 'ı') return 'i';
        if (r.Value == 'ł') return 'l';
        if (r.Value == 'Ł') return 'L';
        if (r.Value == 'đ') return 'd';
        if (r.Value == 'Đ') return 'D';
        if (!r.IsBmp) return null;
        var decomposed = r.ToString().Normalize(NormalizationForm.FormD);
        return decomposed.Length > 0 && decomposed[0] <= 'ÿ' && char.IsLetter(decomposed[0]) ? decomposed[0] : null;
    }

    private static string Latinise(string s) => new(s.Select(c => c <= 'ÿ' || char.IsSurrogate(c) ? c : Printable(new System.Text.Rune(c)) ?? '?').Select(c => c switch
    {
        // WinAnsi places these typographic characters where Latin-1 has control codes.
        '€' => '\u0080', '‚' => '\u0082', '„' => '\u0084', '…' => '\u0085', '‘' => '\u0091', '’' => '\u0092', '“' => '\u0093', '”' => '\u0094',
        '–' => '\u0096', '—' => '\u0097', _ => c <= 'ÿ' ? c : '?',
    }).ToArray());

    private static byte[] Latin(string s) => Encoding.Latin1.GetBytes(s);
}

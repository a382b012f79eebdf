using System.Globalization;
using System.Text;

namespace BackOffice.Infrastructure;

/// <summary>
/// Writes a small one-page PDF with lines of Helvetica text: enough for demo documents, sample
/// portal submissions and tests (no PDF library restores here). Text outside Latin-1 becomes '?'.
/// </summary>
public static class SimplePdf
{
    public static byte[] Create(string title, IEnumerable<string> lines)
    {
        var text = new StringBuilder("BT /F1 16 Tf 72 770 Td 20 TL (").Append(Escape(title)).Append(") Tj /F1 11 Tf T* T*");
        foreach (var line in lines) text.Append(" (").Append(Escape(line)).Append(") '");
        text.Append(" ET");
        var content = Encoding.Latin1.GetBytes(text.ToString());

        var objects = new List<byte[]>
        {
            Latin("<< /Type /Catalog /Pages 2 0 R >>"),
            Latin("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            Latin("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"),
            Latin($"<< /Length {content.Length} >>\nstream\n").Concat(content).Concat(Latin("\nendstream")).ToArray(),
            Latin("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
        };
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
        table.Append($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        pdf.Write(Latin(table.ToString()));
        return pdf.ToArray();
    }

    private static byte[] Latin(string s) => Encoding.Latin1.GetBytes(s);

    private static string Escape(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (c is '(' or ')' or '\\') sb.Append('\\').Append(c);
            else sb.Append(c <= '\u00ff' ? c : '?');
        }
        return sb.ToString();
    }
}

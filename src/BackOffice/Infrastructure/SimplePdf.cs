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
        return PagedPdf.Assemble(objects);
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

using System.Globalization;
using System.Text;
using PdfSharp.Fonts;

namespace BackOffice.Infrastructure;

/// <summary>
/// The fonts PDFsharp embeds in the PDFs the app writes: Debian's DejaVu Sans (fonts-dejavu-core), which has Latin with
/// every diacritic, Greek and Cyrillic, so a name prints as it is written. Registered once per process.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    public const string Folder = "/usr/share/fonts/truetype/dejavu";

    private static readonly Lock Gate = new();

    public static void Register()
    {
        lock (Gate)
            if (GlobalFontSettings.FontResolver is null) GlobalFontSettings.FontResolver = new PdfFonts();
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans"); // one family: every request gets DejaVu Sans, bold or regular

    public byte[]? GetFont(string faceName) => File.ReadAllBytes(Path.Combine(Folder, faceName + ".ttf"));

    /// <summary>
    /// The characters of a text that the fonts cannot print (neither face may lack one: a name may go into a bold line),
    /// each once, as "中 (U+4E2D)". Line breaks and tabs are layout, not characters. The text is compared in its composed
    /// form (NFC), as it is printed.
    /// </summary>
    public static IReadOnlyList<string> Missing(string? text)
    {
        if (string.IsNullOrEmpty(text)) return [];
        Register();
        var (regular, bold) = (ArchivePdf.Font(10), ArchivePdf.Font(10, bold: true));
        return text.Normalize(NormalizationForm.FormC).EnumerateRunes()
            .Where(r => r.Value is not ('\n' or '\r' or '\t'))
            .Distinct()
            .Where(r => GlyphHelper.GlyphIndexFromCodePoint(r.Value, regular) == 0 || GlyphHelper.GlyphIndexFromCodePoint(r.Value, bold) == 0)
            .Select(r => $"{(Rune.GetUnicodeCategory(r) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate ? "" : r + " ")}(U+{r.Value:X4})")
            .ToList();
    }
}

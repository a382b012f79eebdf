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

    /// <summary>Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic and their presentation forms.</summary>
    private static bool RightToLeft(int c) => c is >= 0x0590 and <= 0x08FF or >= 0xFB1D and <= 0xFDFF or >= 0xFE70 and <= 0xFEFF;

    public byte[]? GetFont(string faceName) => File.ReadAllBytes(Flattened(faceName));

    private static readonly Lock FlattenGate = new();

    /// <summary>
    /// The face without composite glyphs (flatten_font.py beside this file, with Debian's fontTools), made once per font
    /// file and kept in the temporary folder: PDFsharp's subsetter drops the parts of parts, and "Nguyễn" would print as
    /// "Nguyen".
    /// </summary>
    private static string Flattened(string faceName)
    {
        var source = new FileInfo(Path.Combine(Folder, faceName + ".ttf"));
        var target = Path.Combine(Path.GetTempPath(), "backoffice-fonts", $"{faceName}-{source.Length}-{source.LastWriteTimeUtc.Ticks}.ttf");
        lock (FlattenGate)
        {
            if (File.Exists(target)) return target;
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var script = Path.Combine(AppContext.BaseDirectory, "Infrastructure", "flatten_font.py");
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/usr/bin/python3", [script, source.FullName, target])
                { RedirectStandardError = true })!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0 || !File.Exists(target))
                throw new InvalidOperationException($"flatten_font.py could not prepare {source.FullName} (python3-fonttools installed?): {error}");
            return target;
        }
    }

    /// <summary>
    /// The characters of a text that a letter cannot print right, each once, as "中 (U+4E2D)": those neither face has (a
    /// name may go into a bold line), those beyond the Basic Multilingual Plane (PDFsharp writes a wrong text layer for
    /// them), and right-to-left scripts (Hebrew, Arabic and their neighbours: PDFsharp neither joins nor reorders them).
    /// Line breaks and tabs are layout, not characters. The text is compared in its composed form (NFC), as printed.
    /// </summary>
    public static IReadOnlyList<string> Missing(string? text)
    {
        if (string.IsNullOrEmpty(text)) return [];
        Register();
        var (regular, bold) = (ArchivePdf.Font(10), ArchivePdf.Font(10, bold: true));
        return text.Normalize(NormalizationForm.FormC).EnumerateRunes()
            .Where(r => r.Value is not ('\n' or '\r' or '\t'))
            .Distinct()
            .Where(r => !r.IsBmp || RightToLeft(r.Value)
                || GlyphHelper.GlyphIndexFromCodePoint(r.Value, regular) == 0 || GlyphHelper.GlyphIndexFromCodePoint(r.Value, bold) == 0)
            .Select(r => $"{(Rune.GetUnicodeCategory(r) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate ? "" : r + " ")}(U+{r.Value:X4})")
            .ToList();
    }
}

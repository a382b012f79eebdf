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
}

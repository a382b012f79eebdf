using BackOffice.Data;

namespace BackOffice.Infrastructure;

/// <summary>
/// The room a letter gives each line that has one place (DIN 5008 form B, in millimetres): what the administration
/// enters for the letterhead and what a case holds for the address must fit there, set down to 6 points at the smallest.
/// The letter (Features/Files/LetterPdf) draws with these widths; the administration checks against them before saving.
/// </summary>
public static class LetterLayout
{
    public const double MinSize = 6;
    /// <summary>The authority's name, beside the contact block at 125 mm.</summary>
    public const double AuthorityWidth = 95;
    /// <summary>The return line and the address lines inside the 85 mm address field, from 25 mm.</summary>
    public const double AddressWidth = 80;
    /// <summary>Each of the footer's three columns.</summary>
    public const double FooterColumnWidth = 54;

    public static bool Fits(string text, double widthMm, bool bold = false) =>
        ArchivePdf.Width(text, ArchivePdf.Font(MinSize, bold)) <= widthMm * ArchivePdf.Mm;

    public static string ReturnLine(Letterhead head) => $"{head.Authority} · {head.Street} · {head.PostalCodeCity}";

    /// <summary>Which part of a letterhead does not fit its place even in the smallest type, or null.</summary>
    public static string? LetterheadProblem(Letterhead head)
    {
        if (!Fits(head.Authority, AuthorityWidth, bold: true)) return "Der Name der Behörde ist zu lang für den Briefkopf. Bitte kürzen.";
        if (!Fits(ReturnLine(head), AddressWidth)) return "Behörde, Straße und Ort passen zusammen nicht in die Rücksendeangabe über der Anschrift (8 cm). Bitte kürzen.";
        foreach (var (name, text) in new[] { ("Sprechzeiten", head.OfficeHours), ("Bankverbindung", head.BankDetails), ("Anschrift", $"{head.Street}\n{head.PostalCodeCity}\n{head.Website}") })
            foreach (var line in (text ?? "").Split('\n'))
                if (!Fits(line, FooterColumnWidth)) return $"Die Zeile „{line}“ ({name}) passt nicht in ihre Spalte der Fußzeile (5,4 cm). Bitte kürzen oder umbrechen.";
        return null;
    }
}

using BackOffice.Data;
using BackOffice.Infrastructure;

namespace BackOffice.Features.Files;

/// <summary>A letter as a printable A4 PDF (DIN 5008 in spirit): letterhead, address field, reference block, subject, text, and for a Bescheid the Rechtsbehelfsbelehrung.</summary>
public static class LetterPdf
{
    public sealed record Content(Letterhead Head, string Unit, IReadOnlyList<string> Recipient, string Reference, DateOnly Date,
        string ClerkName, string? ClerkContact, string Subject, string Body, string? RemedyNotice);

    public static byte[] Create(Content c)
    {
        var pdf = new PagedPdf();
        pdf.At(70, 790, c.Head.Authority, 15, bold: true);
        pdf.At(70, 774, c.Unit, 10);
        var contact = new[] { c.Head.Street, c.Head.PostalCodeCity, c.Head.Phone is { } p ? $"Telefon {p}" : null, c.Head.Email, c.Head.Website }.OfType<string>().ToList();
        for (var i = 0; i < contact.Count; i++) pdf.At(390, 790 - i * 12, contact[i], 8.5);

        // Address field: the sender in one small line above the recipient, as window envelopes show it.
        pdf.At(70, 705, $"{c.Head.Authority} · {c.Head.Street} · {c.Head.PostalCodeCity}", 7);
        for (var i = 0; i < c.Recipient.Count; i++) pdf.At(70, 688 - i * 13, c.Recipient[i], 10.5);
        string[] info = [$"Aktenzeichen: {c.Reference}", $"Datum: {c.Date.ToString("dd.MM.yyyy", Labels.German)}", $"Bearbeitet von: {c.ClerkName}", .. c.ClerkContact is { } cc ? [cc] : Array.Empty<string>()];
        var y = 690.0;
        foreach (var line in info.SelectMany(l => PagedPdf.Wrap(l, 150, 9))) { pdf.At(390, y, line, 9); y -= 12; } // a deputy's "i. V." line is long

        pdf.MoveTo(590);
        pdf.Paragraphs(c.Subject, size: 11.5, bold: true);
        pdf.Skip(10);
        pdf.Paragraphs(c.Body);
        if (c.RemedyNotice is { Length: > 0 } remedy)
        {
            pdf.Skip(14);
            pdf.Paragraphs("Rechtsbehelfsbelehrung", size: 10.5, bold: true);
            pdf.Paragraphs(remedy.StartsWith("Rechtsbehelfsbelehrung:") ? remedy["Rechtsbehelfsbelehrung:".Length..].Trim() : remedy, size: 9.5);
        }
        return pdf.ToBytes();
    }

    /// <summary>"Müller, Anna" as a letter writes it: "Anna Müller".</summary>
    public static string NameForAddress(string name) =>
        name.Split(", ", 2) is [var last, var first] ? $"{first} {last}" : name;
}

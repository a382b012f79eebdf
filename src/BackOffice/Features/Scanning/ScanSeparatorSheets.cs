using PdfSharp.Drawing;
using PdfSharp.Pdf;
using ZXing.QrCode.Internal;

namespace BackOffice.Features.Scanning;

/// <summary>
/// Separator sheets for printing: one A4 page each, a large QR code (read at 100 dpi even from a poor copy) and in words
/// where the documents after it go. The mail room puts one before each letter of a stack.
/// </summary>
public static class ScanSeparatorSheets
{
    /// <summary>A sheet: its barcode text and what it says to the person holding it.</summary>
    public sealed record Sheet(string Code, string Target);

    public static byte[] Pdf(IReadOnlyList<Sheet> sheets)
    {
        PdfFonts.Register();
        using var document = new PdfDocument();
        document.Info.Title = sheets.Count == 1 ? $"Trennblatt – {sheets[0].Target}" : "Trennblätter";
        document.Info.Author = "BackOffice Scanstelle";
        var title = new XFont(PdfFonts.Family, 40, XFontStyleEx.Bold);
        var large = new XFont(PdfFonts.Family, 20, XFontStyleEx.Bold);
        var small = new XFont(PdfFonts.Family, 11, XFontStyleEx.Regular);
        foreach (var sheet in sheets)
        {
            var page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            using var gfx = XGraphics.FromPdfPage(page);
            var width = page.Width.Point;
            gfx.DrawString("TRENNBLATT", title, XBrushes.Black, new XRect(0, 70, width, 50), XStringFormats.TopCenter);
            gfx.DrawString(sheet.Target, Fitting(gfx, sheet.Target, large, width - 80), XBrushes.Black, new XRect(40, 140, width - 80, 30), XStringFormats.TopCenter);
            DrawQr(gfx, sheet.Code, (width - 260) / 2, 220, 260);
            var lines = new[]
            {
                "Legen Sie dieses Blatt vor das Schriftstück, mit dem ein neues beginnt.",
                "Die Scanstelle trennt den Stapel hier und lässt das Blatt weg.",
                sheet.Target.StartsWith("ohne Ziel", StringComparison.Ordinal) ? "" : $"Die Schriftstücke danach werden vorgeschlagen für: {sheet.Target}.",
            };
            var y = 520.0;
            foreach (var line in lines.Where(l => l.Length > 0))
            {
                gfx.DrawString(line, Fitting(gfx, line, small, width - 80), XBrushes.Black, new XRect(40, y, width - 80, 16), XStringFormats.TopCenter);
                y += 18;
            }
            gfx.DrawString(sheet.Code, small, XBrushes.Gray, new XRect(40, 780, width - 80, 16), XStringFormats.TopCenter);
        }
        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    /// <summary>The font, made smaller (down to 7 points) until the text fits the width: a long unit or service name stays on the page.</summary>
    private static XFont Fitting(XGraphics gfx, string text, XFont font, double width)
    {
        var size = font.Size;
        while (size > 7 && gfx.MeasureString(text, new XFont(PdfFonts.Family, size, font.Style)).Width > width) size -= 0.5;
        return size == font.Size ? font : new XFont(PdfFonts.Family, size, font.Style);
    }

    /// <summary>The QR code's modules as black squares, with the quiet zone of four modules around it left white.</summary>
    private static void DrawQr(XGraphics gfx, string text, double x, double y, double size)
    {
        var matrix = Encoder.encode(text, ErrorCorrectionLevel.M).Matrix;
        var module = size / (matrix.Width + 8);
        for (var row = 0; row < matrix.Height; row++)
            for (var column = 0; column < matrix.Width; column++)
                if (matrix[column, row] == 1)
                    // A hair wider than the module, so that neighbouring squares leave no white seams when printed.
                    gfx.DrawRectangle(XBrushes.Black, x + (column + 4) * module, y + (row + 4) * module, module + 0.1, module + 0.1);
    }
}

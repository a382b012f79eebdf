using System.Text;
using ZXing;
using ZXing.Common;

namespace BackOffice.Features.Scanning;

/// <summary>
/// Looks at every page of a batch before it is read: is it blank, and does it carry a barcode (a separator sheet)?
/// Pages are rendered grey at a low resolution by pdftoppm, a few at a time, so memory stays the same for a 3-page
/// letter and a 300-page batch; ZXing reads the barcodes from the grey values.
/// </summary>
public static class ScanPages
{
    /// <summary>One page: how much of it is ink (0..1) and the text of the first barcode found on it, if any.</summary>
    public sealed record Look(int Page, double Ink, string? Code);

    private const int Dpi = 100;
    public const int PagesAtOnce = 8;

    /// <summary>Looks at the pages <paramref name="from"/> to <paramref name="to"/> (1-based, inclusive).</summary>
    public static async Task<IReadOnlyList<Look>> LookAsync(string pdf, int from, int to, string work, CancellationToken ct)
    {
        var looks = new List<Look>(to - from + 1);
        var folder = Path.Combine(work, "pages");
        Directory.CreateDirectory(folder);
        var reader = new BarcodeReaderGeneric
        {
            AutoRotate = true, // a separator put in upside down still counts
            Options = new DecodingOptions { TryHarder = false, PossibleFormats = [BarcodeFormat.QR_CODE, BarcodeFormat.CODE_128] },
        };
        for (var first = from; first <= to; first += PagesAtOnce)
        {
            var last = Math.Min(to, first + PagesAtOnce - 1);
            var rendered = await ExternalTool.RunAsync("pdftoppm", ["-gray", "-r", Dpi.ToString(), "-f", first.ToString(), "-l", last.ToString(), pdf, Path.Combine(folder, "p")],
                TimeSpan.FromMinutes(2), ct);
            // pdftoppm names pages p-1.pgm … p-12.pgm or p-001.pgm, by the document's page count: sort by the number.
            var files = Directory.GetFiles(folder, "p-*.pgm").OrderBy(f => int.Parse(Path.GetFileNameWithoutExtension(f)[2..])).ToList();
            for (var page = first; page <= last; page++)
            {
                var file = files.FirstOrDefault(f => int.Parse(Path.GetFileNameWithoutExtension(f)[2..]) == page);
                // A page pdftoppm could not draw is kept as it is: neither blank nor a separator.
                looks.Add(file is not null && rendered.Succeeded && ReadPgm(await File.ReadAllBytesAsync(file, ct)) is { } image
                    ? new Look(page, Ink(image), Decode(reader, image))
                    : new Look(page, 1, null));
            }
            foreach (var file in files) File.Delete(file);
        }
        return looks;
    }

    /// <summary>One page as a small PNG (30 dpi: about 250 by 350 pixels for A4); null when the page is not there.</summary>
    public static async Task<byte[]?> ThumbnailAsync(string pdf, int page, CancellationToken ct)
    {
        if (page < 1) return null;
        var dir = Directory.CreateTempSubdirectory("thumb-");
        try
        {
            var target = Path.Combine(dir.FullName, "page");
            var drawn = await ExternalTool.RunAsync("pdftoppm", ["-r", "30", "-png", "-singlefile", "-f", page.ToString(), "-l", page.ToString(), pdf, target],
                TimeSpan.FromSeconds(30), ct);
            return drawn.Succeeded && File.Exists(target + ".png") ? await File.ReadAllBytesAsync(target + ".png", ct) : null;
        }
        finally { dir.Delete(true); }
    }

    /// <summary>A grey image: one byte per pixel, 0 black, 255 white.</summary>
    public sealed record Grey(int Width, int Height, byte[] Pixels);

    /// <summary>Reads a binary PGM (P5, 8 bit) as pdftoppm writes it; null for anything else.</summary>
    public static Grey? ReadPgm(byte[] data)
    {
        var position = 0;
        string? Token()
        {
            while (position < data.Length)
            {
                if (data[position] == '#') { while (position < data.Length && data[position] != '\n') position++; }
                else if (char.IsWhiteSpace((char)data[position])) position++;
                else break;
            }
            var start = position;
            while (position < data.Length && !char.IsWhiteSpace((char)data[position])) position++;
            return position > start ? Encoding.ASCII.GetString(data, start, position - start) : null;
        }
        if (Token() != "P5" || !int.TryParse(Token(), out var width) || !int.TryParse(Token(), out var height)
            || Token() != "255" || width <= 0 || height <= 0) return null;
        position++; // the single whitespace after the header
        if ((long)width * height > data.Length - position) return null;
        return new Grey(width, height, data.AsSpan(position, width * height).ToArray());
    }

    /// <summary>
    /// The share of dark pixels, leaving out a margin of 5 % on every side where scanners leave shadows and punch holes.
    /// A blank sheet scans at well under 0.1 %; a line of text is already about 0.3 %.
    /// </summary>
    public static double Ink(Grey image)
    {
        int marginX = image.Width / 20, marginY = image.Height / 20;
        long dark = 0, all = 0;
        for (var y = marginY; y < image.Height - marginY; y++)
        {
            var row = y * image.Width;
            for (var x = marginX; x < image.Width - marginX; x++)
            {
                if (image.Pixels[row + x] < 128) dark++;
                all++;
            }
        }
        return all == 0 ? 0 : (double)dark / all;
    }

    private static string? Decode(BarcodeReaderGeneric reader, Grey image) =>
        reader.Decode(new RGBLuminanceSource(image.Pixels, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.Gray8))?.Text;
}

using System.Diagnostics;
using BackOffice.Infrastructure;

namespace BackOffice.Tests.Support;

/// <summary>Scans as a scanner delivers them, made with the real tools (poppler's pdftoppm, img2pdf, pikepdf).</summary>
public static class Scans
{
    /// <summary>A letter as a scanner delivers it: the page rendered to a 150 dpi grey image, in a PDF without text.</summary>
    public static async Task<byte[]> ScanAsync(string subject, string? reference = null)
    {
        var dir = Directory.CreateTempSubdirectory("scan-");
        try
        {
            var text = Path.Combine(dir.FullName, "text.pdf");
            await File.WriteAllBytesAsync(text, LetterPdf(subject, reference));
            await RunAsync("pdftoppm", "-r", "150", "-gray", "-png", text, Path.Combine(dir.FullName, "page"));
            var page = Directory.GetFiles(dir.FullName, "page*.png").Single();
            await AsScannedAsync(page);
            var scan = Path.Combine(dir.FullName, "scan.pdf");
            await RunAsync("img2pdf", "-o", scan, page);
            return await File.ReadAllBytesAsync(scan);
        }
        finally { dir.Delete(true); }
    }

    /// <summary>The pages of a stack as one scanned PDF: each page a PDF (drawn at 150 dpi grey) or a grey image.</summary>
    public static async Task<byte[]> StackAsync(params Page[] pages)
    {
        var dir = Directory.CreateTempSubdirectory("scan-");
        try
        {
            var images = new List<string>();
            foreach (var (page, index) in pages.Select((p, i) => (p, i)))
            {
                if (page.Pdf is { } pdf)
                {
                    var source = Path.Combine(dir.FullName, $"{index}.pdf");
                    await File.WriteAllBytesAsync(source, pdf);
                    await RunAsync("pdftoppm", "-r", "150", "-gray", "-png", "-singlefile", source, Path.Combine(dir.FullName, $"{index:000}"));
                    await AsScannedAsync(Path.Combine(dir.FullName, $"{index:000}.png"));
                    images.Add(Path.Combine(dir.FullName, $"{index:000}.png"));
                }
                else
                {
                    var image = Path.Combine(dir.FullName, $"{index:000}.pgm");
                    await File.WriteAllBytesAsync(image, page.Pgm!);
                    images.Add(image);
                }
            }
            var scan = Path.Combine(dir.FullName, "stack.pdf");
            await RunAsync("img2pdf", ["-o", scan, .. images]);
            return await File.ReadAllBytesAsync(scan);
        }
        finally { dir.Delete(true); }
    }

    /// <summary>A page of a stack: a PDF page to draw, or a grey image (PGM).</summary>
    public sealed record Page(byte[]? Pdf, byte[]? Pgm)
    {
        public static Page Letter(string subject, string? reference = null) => new(LetterPdf(subject, reference), null);

        /// <summary>An empty sheet as a scanner sees it: white A4 at 150 dpi with a few specks of dust.</summary>
        public static Page Blank()
        {
            const int width = 1240, height = 1754;
            var header = System.Text.Encoding.ASCII.GetBytes($"P5\n{width} {height}\n255\n");
            var pixels = new byte[width * height];
            Array.Fill(pixels, (byte)250);
            var random = new Random(7);
            for (var i = 0; i < 300; i++) pixels[random.Next(pixels.Length)] = 40;
            return new(null, [.. header, .. pixels]);
        }

        /// <summary>A PATCH-T sheet as other scanners' software prints it: a Code 128 barcode reading "PATCHT".</summary>
        public static Page PatchT()
        {
            const int width = 1240, height = 1754;
            var bars = new ZXing.OneD.Code128Writer().encode("PATCHT", ZXing.BarcodeFormat.CODE_128, 800, 200);
            var pixels = new byte[width * height];
            Array.Fill(pixels, (byte)255);
            for (var y = 0; y < bars.Height; y++)
                for (var x = 0; x < bars.Width; x++)
                    if (bars[x, y]) pixels[(300 + y) * width + 220 + x] = 0;
            return new(null, [.. System.Text.Encoding.ASCII.GetBytes($"P5\n{width} {height}\n255\n"), .. pixels]);
        }
    }

    private static byte[] LetterPdf(string subject, string? reference) => SimplePdf.Create("Brief", [
        "Karl Kaiser, Lindenstraße 4, 55765 Birkenfeld", "", "Landkreis Birkenfeld", "", $"Betreff: {subject}",
        reference is null ? "" : $"Ihr Zeichen: {reference}", "", "Sehr geehrte Damen und Herren,",
        "anbei sende ich Ihnen die fehlenden Unterlagen zu meinem Antrag.", "Mit freundlichen Grüßen", "Karl Kaiser"]);

    public static async Task<byte[]> EncryptedAsync(byte[] pdf)
    {
        var dir = Directory.CreateTempSubdirectory("scan-");
        try
        {
            var plain = Path.Combine(dir.FullName, "plain.pdf");
            await File.WriteAllBytesAsync(plain, pdf);
            var locked = Path.Combine(dir.FullName, "locked.pdf");
            // Debian's ocrmypdf brings python3-pikepdf (qpdf), the library it reads PDFs with.
            await RunAsync("/usr/bin/python3", "-c", $"import pikepdf; p = pikepdf.open('{plain}'); p.save('{locked}', encryption=pikepdf.Encryption(owner='o', user='geheim'))");
            return await File.ReadAllBytesAsync(locked);
        }
        finally { dir.Delete(true); }
    }

    /// <summary>
    /// A page as a scanner delivers it: turned by a degree and a half (fed in slightly askew) and speckled with dust,
    /// with PIL (which img2pdf brings).
    /// </summary>
    private static Task AsScannedAsync(string png) => RunAsync("/usr/bin/python3", "-c",
        "import random, sys\nfrom PIL import Image\n" +
        "im = Image.open(sys.argv[1]).convert('L').rotate(1.5, resample=Image.BICUBIC, fillcolor=255)\n" +
        "random.seed(7)\npx = im.load()\n" +
        "for _ in range(4000): px[random.randrange(im.width), random.randrange(im.height)] = random.randrange(0, 160)\n" +
        "im.save(sys.argv[1])", png);

    private static async Task RunAsync(string tool, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var errors = p.StandardError.ReadToEndAsync();
        await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"{tool}: {await errors}");
    }
}

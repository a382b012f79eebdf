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
            await File.WriteAllBytesAsync(text, SimplePdf.Create("Brief", [
                "Karl Kaiser, Lindenstraße 4, 55765 Birkenfeld", "", "Landkreis Birkenfeld", "", $"Betreff: {subject}",
                reference is null ? "" : $"Ihr Zeichen: {reference}", "", "Sehr geehrte Damen und Herren,",
                "anbei sende ich Ihnen die fehlenden Unterlagen zu meinem Antrag.", "Mit freundlichen Grüßen", "Karl Kaiser"]));
            await RunAsync("pdftoppm", "-r", "150", "-gray", "-png", text, Path.Combine(dir.FullName, "page"));
            var page = Directory.GetFiles(dir.FullName, "page*.png").Single();
            var scan = Path.Combine(dir.FullName, "scan.pdf");
            await RunAsync("img2pdf", "-o", scan, page);
            return await File.ReadAllBytesAsync(scan);
        }
        finally { dir.Delete(true); }
    }

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

    private static async Task RunAsync(string tool, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var errors = p.StandardError.ReadToEndAsync();
        await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"{tool}: {await errors}");
    }
}

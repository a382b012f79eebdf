using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace BackOffice.Tests.Support;

/// <summary>Reads a PDF back with independent tools (poppler's pdftotext and pdfinfo, qpdf, and pikepdf through Debian's Python).</summary>
public static class PdfTools
{
    public static string Text(byte[] pdf) => Run("pdftotext", pdf, "-enc UTF-8 {0} -");

    /// <summary>The text with every run of blanks and line breaks as one blank: for sentences that wrap.</summary>
    public static string FlatText(byte[] pdf) => Regex.Replace(Text(pdf), @"\s+", " ");

    /// <summary>How many pixels of page 1 are dark when poppler draws it in grey at 100 dpi: the ink a text leaves.</summary>
    public static int Ink(byte[] pdf)
    {
        var prefix = Path.Combine(Path.GetTempPath(), $"ink-{Guid.NewGuid():N}");
        Run("pdftoppm", pdf, $"-r 100 -gray -f 1 -l 1 -singlefile {{0}} {prefix}");
        try
        {
            var image = File.ReadAllBytes(prefix + ".pgm");
            // P5 header: magic, width, height, maxval, each ended by whitespace; then one byte per pixel.
            var header = 0;
            for (var fields = 0; fields < 4; header++) if (char.IsWhiteSpace((char)image[header]) && !char.IsWhiteSpace((char)image[header + 1])) fields++;
            return image.Skip(header).Count(b => b < 128);
        }
        finally { File.Delete(prefix + ".pgm"); }
    }

    public static string Info(byte[] pdf) => Run("pdfinfo", pdf, "{0}");

    public static int Pages(byte[] pdf) => int.Parse(Regex.Match(Run("pdfinfo", pdf, "{0}"), @"Pages:\s+(\d+)").Groups[1].Value);

    /// <summary>pdffonts' table: one row per font with its type, encoding and whether it is embedded.</summary>
    public static string Fonts(byte[] pdf) => Run("pdffonts", pdf, "{0}");

    /// <summary>Where each word stands on page 1, in millimetres from the top left corner.</summary>
    public static IReadOnlyList<(string Word, double X, double Y)> Words(byte[] pdf)
    {
        var html = Run("pdftotext", pdf, "-bbox -f 1 -l 1 {0} -");
        const double mm = 25.4 / 72;
        return Regex.Matches(html, @"<word xMin=""([\d.]+)"" yMin=""([\d.]+)"" xMax=""[\d.]+"" yMax=""[\d.]+"">([^<]*)</word>")
            .Select(m => (System.Net.WebUtility.HtmlDecode(m.Groups[3].Value), double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * mm,
                double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) * mm))
            .ToList();
    }

    /// <summary>
    /// The PDF/A-2b checks an independent reader can make: qpdf finds no syntax or stream error, and the Python check
    /// (pikepdf) the identification, metadata against the document information, output intent, embedded fonts, no
    /// encryption and no actions. Returns what fails, empty when it passes.
    /// </summary>
    /// <param name="wholeStreams">Also every deflate stream complete with its zlib check value (letters are repacked for that).</param>
    public static string PdfAProblems(byte[] pdf, bool wholeStreams = false)
    {
        var qpdf = RunWithCode("qpdf", pdf, "--check {0}");
        var problems = qpdf.Code == 0 && qpdf.Output.Contains("No syntax or stream encoding errors found") ? "" : $"qpdf: {qpdf.Output}\n";
        var script = Path.Combine(AppContext.BaseDirectory, "Support", "pdfa_check.py");
        var check = RunWithCode("/usr/bin/python3", pdf, $"{script} {{0}}{(wholeStreams ? " --whole-streams" : "")}");
        return problems + (check.Code == 0 ? "" : check.Output);
    }

    private static string Run(string tool, byte[] pdf, string arguments)
    {
        var (code, output) = RunWithCode(tool, pdf, arguments);
        return code == 0 ? output : throw new InvalidOperationException($"{tool} failed ({code}): {output}");
    }

    private static (int Code, string Output) RunWithCode(string tool, byte[] pdf, string arguments)
    {
        var file = Path.Combine(Path.GetTempPath(), $"pdftools-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo(tool, string.Format(CultureInfo.InvariantCulture, arguments, file))
                { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = System.Text.Encoding.UTF8 })!;
            var stderr = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output + stderr.Result);
        }
        finally { File.Delete(file); }
    }
}

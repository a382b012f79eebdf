namespace BackOffice.Features.Scanning;

/// <summary>
/// Puts pages of PDFs together (split, merge, rotate, remove) with pikepdf, which comes with ocrmypdf, keeping a
/// PDF/A source PDF/A (pdfpages.py beside this file). Written to a temporary name and renamed when whole.
/// </summary>
public static class ScanPdf
{
    /// <summary>A page of a source PDF (1-based), turned clockwise by a multiple of 90 degrees.</summary>
    public sealed record Page(string Source, int Number, int Turn = 0);

    private static string Script => Path.Combine(AppContext.BaseDirectory, "Features", "Scanning", "pdfpages.py");

    public static async Task<bool> ComposeAsync(string output, IReadOnlyList<Page> pages, CancellationToken ct)
    {
        if (pages.Count == 0) return false;
        var arguments = new List<string> { Script, output };
        // Consecutive pages of one source go in one argument ("ocr.pdf:2,3+90,4").
        foreach (var run in Runs(pages))
            arguments.Add($"{run[0].Source}:{string.Join(',', run.Select(p => p.Turn % 360 == 0 ? $"{p.Number}" : $"{p.Number}+{(p.Turn % 360 + 360) % 360}"))}");
        var result = await ExternalTool.RunAsync("/usr/bin/python3", arguments, TimeSpan.FromSeconds(30 + pages.Count), ct);
        return result.Succeeded && File.Exists(output);
    }

    private static IEnumerable<List<Page>> Runs(IReadOnlyList<Page> pages)
    {
        var run = new List<Page>();
        foreach (var page in pages)
        {
            if (run.Count > 0 && run[0].Source != page.Source) { yield return run; run = []; }
            run.Add(page);
        }
        if (run.Count > 0) yield return run;
    }
}

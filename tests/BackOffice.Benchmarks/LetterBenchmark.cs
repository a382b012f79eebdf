using System.Diagnostics;
using BackOffice.Data;
using BackOffice.Features.Files;

/// <summary>
/// Renders the same two-page Bescheid again and again: time per letter (p50, p95) and the PDF's size and page count.
/// </summary>
static class LetterBenchmark
{
    public static void Run(int letters)
    {
        var content = TwoPageBescheid();
        for (var i = 0; i < 20; i++) LetterPdf.Create(content); // warm-up: fonts loaded, code jitted
        var times = new List<double>(letters);
        byte[] pdf = [];
        for (var i = 0; i < letters; i++)
        {
            var clock = Stopwatch.StartNew();
            pdf = LetterPdf.Create(content);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        var path = Path.Combine(Path.GetTempPath(), "bench-letter.pdf");
        File.WriteAllBytes(path, pdf);
        Console.WriteLine($"Bescheid, {Pages(path)} pages, {letters} renders: p50 {Percentile(times, 50):0.00} ms, p95 {Percentile(times, 95):0.00} ms, " +
            $"{pdf.Length / 1024.0:0.0} KB ({path})");
    }

    /// <summary>The plain documents of the demo county, the sample portal and the tests: a title and a few lines.</summary>
    public static void RunPlain(int documents)
    {
        string[] lines = ["Aktenzeichen: 50.1-00042/2026", "Antragsteller: Ayşe Yılmaz-Nguyễn", "Wohnort: Lindenau", "", "Demodaten des Landkreises Lindenau."];
        for (var i = 0; i < 20; i++) BackOffice.Infrastructure.SimplePdf.Create("Antrag Wohngeld", lines);
        var times = new List<double>(documents);
        byte[] pdf = [];
        for (var i = 0; i < documents; i++)
        {
            var clock = Stopwatch.StartNew();
            pdf = BackOffice.Infrastructure.SimplePdf.Create("Antrag Wohngeld", lines);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"Plain document (title and 5 lines), {documents} renders: p50 {Percentile(times, 50):0.00} ms, p95 {Percentile(times, 95):0.00} ms, {pdf.Length / 1024.0:0.0} KB");
    }

    private static double Percentile(List<double> sorted, int p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string Pages(string path)
    {
        using var info = Process.Start(new ProcessStartInfo("pdfinfo", path) { RedirectStandardOutput = true })!;
        var line = info.StandardOutput.ReadToEnd().Split('\n').FirstOrDefault(l => l.StartsWith("Pages:"));
        return line?.Split(':')[1].Trim() ?? "?";
    }

    /// <summary>A Bescheid whose text fills a page and a half, with a name in several scripts.</summary>
    private static LetterPdf.Content TwoPageBescheid()
    {
        var head = new Letterhead { Authority = "Landkreis Lindenau", Street = "Kreishausplatz 1", PostalCodeCity = "39100 Lindenau", Phone = "03931 600-0",
            Email = "post@lindenau.example", Website = "www.lindenau.example",
            OfficeHours = "Mo, Di, Do 8:00–12:00 Uhr\nDo 14:00–18:00 Uhr", BankDetails = "Sparkasse Lindenau\nIBAN DE12 8105 3272 0001 2345 67\nBIC NOLADE21LIN" };
        var paragraph = "Auf Ihren Antrag vom 12.10.2026 wird Ihnen Wohngeld in Höhe von monatlich 245,00 € für die Zeit vom 01.11.2026 bis "
            + "zum 31.10.2027 bewilligt. Bei der Berechnung wurden die Angaben Ihres Antrags und die eingereichten Nachweise zugrunde gelegt.";
        var body = string.Join("\n\n", Enumerable.Range(1, 14).Select(i => $"{i}. {paragraph}"));
        var remedy = "Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden. Der Widerspruch ist schriftlich "
            + "oder zur Niederschrift beim Landkreis Lindenau, Kreishausplatz 1, 39100 Lindenau, einzulegen.";
        return new LetterPdf.Content(head, "Fachdienst Wohngeld", ["Ayşe Yılmaz-Nguyễn", "Lindenstraße 5", "39100 Lindenau"], "50.1-00042/2026",
            new DateOnly(2026, 12, 7), "Anna Bauer", "anna.bauer@lindenau.example", "Bescheid über Ihren Antrag auf Wohngeld", body, remedy);
    }
}

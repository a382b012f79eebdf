using BackOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Demo;

/// <summary>
/// A few letters waiting in the demo's scanner folder at first start, so that a newcomer sees the Scanstelle work:
/// rendered to images without text (as a scanner delivers them), one naming an open case's Aktenzeichen.
/// </summary>
public static class DemoScans
{
    public static async Task WriteAsync(BackOfficeDb db, BackOfficeOptions options, CancellationToken ct = default)
    {
        var folder = Path.Combine(options.ScanInboxPath, "scanner-1");
        Directory.CreateDirectory(folder);
        var reference = await db.Cases.AsNoTracking().Where(c => c.Status == CaseStatus.Nachforderung).OrderBy(c => c.Id).Select(c => c.Reference).FirstOrDefaultAsync(ct);
        var letters = new (string File, string[] Lines)[]
        {
            ("Nachweise-Kaiser.pdf", ["Karl Kaiser, Lindenstraße 4, 55765 Birkenfeld", "", "Landkreis Birkenfeld", "Fachdienst Eingliederungshilfe", "",
                "Betreff: Nachreichung der angeforderten Unterlagen", reference is null ? "" : $"Ihr Zeichen: {reference}", "",
                "Sehr geehrte Damen und Herren,", "anbei erhalten Sie den Arztbericht, den Sie angefordert haben.", "", "Mit freundlichen Grüßen", "Karl Kaiser"]),
            ("Anfrage-Oezdemir.pdf", ["Ayşe Özdemir, Hauptstraße 12, 55743 Idar-Oberstein", "", "Landkreis Birkenfeld", "",
                "Betreff: Frage zum Wohngeld", "", "Sehr geehrte Damen und Herren,", "ich möchte wissen, welche Unterlagen ich für den Antrag brauche.",
                "", "Mit freundlichen Grüßen", "Ayşe Özdemir"]),
        };
        foreach (var (file, lines) in letters)
        {
            var target = Path.Combine(folder, file);
            if (File.Exists(target)) continue;
            var work = Directory.CreateTempSubdirectory("demo-scan-");
            try
            {
                var text = Path.Combine(work.FullName, "text.pdf");
                await File.WriteAllBytesAsync(text, SimplePdf.Create("Brief", lines), ct);
                if (!(await ExternalTool.RunAsync("pdftoppm", ["-r", "150", "-gray", "-png", text, Path.Combine(work.FullName, "page")], TimeSpan.FromMinutes(1), ct)).Succeeded) continue;
                var scan = Path.Combine(work.FullName, "scan.pdf");
                if (!(await ExternalTool.RunAsync("img2pdf", ["-o", scan, .. Directory.GetFiles(work.FullName, "page*.png").Order()], TimeSpan.FromMinutes(1), ct)).Succeeded) continue;
                File.Move(scan, target); // whole, at once: the watcher never sees it half-written
            }
            finally { work.Delete(true); }
        }
    }
}

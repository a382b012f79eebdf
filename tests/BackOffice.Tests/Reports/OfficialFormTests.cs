using System.IO.Compression;
using System.Security.Claims;
using System.Text.Json;
using BackOffice.Data;
using BackOffice.Features.Access;
using BackOffice.Features.Reports;
using BackOffice.Features.Reports.Forms;
using BackOffice.Infrastructure;
using BackOffice.Tests.Support;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace BackOffice.Tests.Reports;

public class OfficialFormTestsOnSqlite(SeededCounty county) : OfficialFormTests<SeededCounty>(county);

public class OfficialFormTestsOnMariaDb(SeededMariaDbCounty county) : OfficialFormTests<SeededMariaDbCounty>(county);

/// <summary>Official forms (issue 13): uploaded, assigned, filled, and read back by ClosedXML and openpyxl, on both engines.</summary>
public abstract class OfficialFormTests<TCounty>(TCounty county) : IClassFixture<TCounty> where TCounty : SeededCounty
{
    private const string Report = "eingaenge-je-gemeinde";
    private static readonly ReportCatalog Catalog = new(Microsoft.Extensions.Options.Options.Create(new BackOfficeOptions { ReportsDirectory = ReportTests<SeededCounty>.ReportsFolder() }));
    private static readonly ReportRequest Quarter = new(SeededCounty.Anchor.AddDays(-90), SeededCounty.Anchor, null, null);

    private OfficialForms Forms() => new(county.Db, Catalog, new ReportUnits(new UnitScopes(county.Db, new MemoryCache(new MemoryCacheOptions())), county.Db));

    private async Task<ClaimsPrincipal> AsAsync(string userName, string role) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, await county.UserIdAsync(userName)), new Claim(ClaimTypes.Name, userName), new Claim(ClaimTypes.Role, role)], "test"));

    private async Task<int> DemoFormAsync()
    {
        await using var db = county.Db.Open(UnitScope.System);
        return await db.OfficialForms.Where(f => f.ReportId == Report && f.Title.StartsWith("OZG")).Select(f => f.Id).SingleAsync();
    }

    private static byte[] DemoTemplate()
    {
        using var resource = typeof(OfficialForms).Assembly.GetManifestResourceStream("OZG-Meldung.xlsx")!;
        using var copy = new MemoryStream();
        resource.CopyTo(copy);
        return copy.ToArray();
    }

    private async Task<List<object?[]>> RowsAsync(IReadOnlyCollection<int> units)
    {
        await using var db = county.Db.CreateDbContext();
        var rows = new List<object?[]>();
        await foreach (var row in ReportRunner.RowsAsync(db, Catalog.Find(Report)!, Quarter, units, DateTime.UtcNow)) rows.Add(row);
        return rows;
    }

    private static string Save(byte[] content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"form-{Guid.NewGuid():N}.xlsx");
        File.WriteAllBytes(path, content);
        return path;
    }

    [Fact]
    public async Task The_demo_form_is_filled_with_the_reports_figures_and_keeps_its_layout_formulas_and_chart()
    {
        var controller = await AsAsync("controller", Roles.Controlling);
        var (file, problem) = await Forms().FillAsync(controller, Report, await DemoFormAsync(), new ReportFilters(null, $"{Quarter.From:yyyy-MM-dd}", $"{Quarter.To:yyyy-MM-dd}", null, null));
        Assert.Null(problem);
        Assert.Equal($"OZG-Meldung_{Quarter.From:yyyy-MM-dd}_{Quarter.To:yyyy-MM-dd}.xlsx", file!.FileName);
        Assert.Empty(file.Notes); // "Lindenau, Stadt" has rows
        await using var db = county.Db.Open(UnitScope.System);
        var rows = await RowsAsync(await db.OrgUnits.Select(u => u.Id).ToListAsync());
        Assert.InRange(rows.Count, 2, 20);
        // Who took which figures is in the audit trail.
        var filledEvent = await db.AuditEvents.Where(e => e.Action == "form-filled" && e.Actor == "controller").OrderBy(e => e.Id).LastAsync();
        Assert.Contains($"{Quarter.From:dd.MM.yyyy} bis {Quarter.To:dd.MM.yyyy}", filledEvent.Details);

        // ClosedXML reads it and calculates its formulas itself.
        using (var book = new XLWorkbook(new MemoryStream(file.Content)))
        {
            var sheet = book.Worksheet("Meldung");
            Assert.Equal($"{Quarter.From:dd.MM.yyyy} bis {Quarter.To:dd.MM.yyyy}", sheet.Cell("B5").GetString());
            Assert.Contains("Landkreis", sheet.Cell("B6").GetString());
            Assert.Equal(Labels.Local(DateTime.UtcNow).Date, sheet.Cell("B7").GetDateTime().Date); // the county's day, not the server's UTC day
            for (var i = 0; i < 20; i++)
            {
                var (name, received, online) = (sheet.Cell(10 + i, 1), sheet.Cell(10 + i, 2), sheet.Cell(10 + i, 3));
                if (i >= rows.Count) { Assert.True(name.IsEmpty() && received.IsEmpty() && online.IsEmpty(), $"row {10 + i} not emptied"); continue; }
                Assert.Equal((string)rows[i][0]!, name.GetString());
                Assert.Equal((long)rows[i][1]!, received.GetValue<long>());
                Assert.Equal((long)rows[i][2]!, online.GetValue<long>());
                Assert.Equal($"IF(N(B{10 + i})>0,C{10 + i}/B{10 + i},\"\")", sheet.Cell(10 + i, 4).FormulaA1);
                Assert.Equal((double)rows[i][3]!, sheet.Cell(10 + i, 4).GetDouble(), 9);
            }
            var total = rows.Sum(r => (long)r[1]!);
            Assert.Equal("SUM(B10:B29)", sheet.Cell("B30").FormulaA1);
            Assert.Equal(total, sheet.Cell("B30").GetValue<long>());
            Assert.Equal(total, sheet.Cell("B32").GetValue<long>()); // the check sum from the report's total
            Assert.Equal(0, sheet.Cell("B33").GetDouble()); // the form's own difference formula
            Assert.Equal((long)rows.Single(r => (string)r[0]! == "Lindenau, Stadt")[2]!, sheet.Cell("B34").GetValue<long>());
            Assert.True(sheet.Range("A1:D1").IsMerged());
            Assert.Equal("0.0%", sheet.Cell("D10").Style.NumberFormat.Format);
        }

        // The package: everything but the sheet and the workbook (recalculation) is as uploaded, the chart included.
        var template = DemoTemplate();
        using (var before = new ZipArchive(new MemoryStream(template)))
        using (var after = new ZipArchive(new MemoryStream(file.Content)))
        {
            foreach (var entry in before.Entries.Where(e => e.FullName is not ("xl/worksheets/sheet1.xml" or "xl/workbook.xml")))
                Assert.True(Bytes(entry).SequenceEqual(Bytes(after.GetEntry(entry.FullName) ?? throw new Xunit.Sdk.XunitException($"{entry.FullName} is gone"))), $"{entry.FullName} changed");
            Assert.NotNull(after.GetEntry("xl/charts/chart1.xml"));
        }

        // openpyxl, an independent reader: the values, the formulas, the chart.
        var read = Openpyxl(Save(file.Content));
        var cells = read.GetProperty("cells");
        Assert.Equal((string)rows[0][0]!, cells.GetProperty("A10").GetString());
        Assert.Equal((long)rows[0][1]!, cells.GetProperty("B10").GetInt64());
        Assert.Equal("=SUM(B10:B29)", cells.GetProperty("B30").GetString());
        Assert.Equal(rows.Sum(r => (long)r[1]!), cells.GetProperty("B32").GetInt64());
        Assert.Equal(1, read.GetProperty("charts").GetInt32());
    }

    [Fact]
    public async Task A_head_fills_the_form_with_their_own_units_only()
    {
        var head2 = await AsAsync("head2", Roles.Head);
        var forms = Forms();
        var (file, problem) = await forms.FillAsync(head2, Report, await DemoFormAsync(), new ReportFilters(null, $"{Quarter.From:yyyy-MM-dd}", $"{Quarter.To:yyyy-MM-dd}", null, null));
        Assert.Null(problem);
        var jugend = await RowsAsync([await county.UnitIdAsync("51"), await county.UnitIdAsync("51.1"), await county.UnitIdAsync("51.2")]);
        using var book = new XLWorkbook(new MemoryStream(file!.Content));
        Assert.Equal(jugend.Sum(r => (long)r[1]!), book.Worksheet("Meldung").Cell("B32").GetValue<long>());
        Assert.Contains("51", book.Worksheet("Meldung").Cell("B6").GetString());
        // Soziales is not theirs; a clerk has no units for reports at all.
        Assert.Equal("Diese Organisationseinheit ist Ihnen nicht freigegeben.",
            (await forms.FillAsync(head2, Report, await DemoFormAsync(), new ReportFilters("50.1", "2026-08-01", "2026-08-31", null, null))).Problem);
        var (clerkFile, _) = await forms.FillAsync(await AsAsync("clerk", Roles.Clerk), Report, await DemoFormAsync(), new ReportFilters(null, "2026-08-01", "2026-08-31", null, null));
        using var empty = new XLWorkbook(new MemoryStream(clerkFile!.Content));
        Assert.Equal(0, empty.Worksheet("Meldung").Cell("B32").GetValue<long>());
        Assert.True(empty.Worksheet("Meldung").Cell("A10").IsEmpty());
        // Wrong filters: German, and no file.
        Assert.Equal("Das Ende des Zeitraums liegt vor seinem Anfang.",
            (await forms.FillAsync(head2, Report, await DemoFormAsync(), new ReportFilters(null, "2026-08-31", "2026-08-01", null, null))).Problem);
    }

    [Fact]
    public async Task Controlling_uploads_a_template_written_elsewhere_and_assigns_its_names()
    {
        // Written by ClosedXML: shared strings, a sheet name with a space and an umlaut, a placeholder text where the number goes.
        using var made = new MemoryStream();
        using (var book = new XLWorkbook())
        {
            var sheet = book.AddWorksheet("Übersicht Land");
            sheet.Cell("A1").Value = "Eingänge gesamt";
            sheet.Cell("B1").Value = "bitte eintragen";
            sheet.Cell("B2").FormulaA1 = "B1*2";
            sheet.Cell("A4").Value = "Zeitraum";
            sheet.Cell("A5").Value = "Birkenfelde";
            book.NamedRanges.Add("Gesamt", sheet.Range("B1"));
            book.NamedRanges.Add("Zeitraum", sheet.Range("B4"));
            book.NamedRanges.Add("Rechnung", sheet.Range("B2"));
            book.NamedRanges.Add("Liste", sheet.Range("D1:F3"));
            book.NamedRanges.Add("Birkenfelde", sheet.Range("B5"));
            sheet.NamedRanges.Add("NurBlatt", sheet.Range("C1"));
            book.SaveAs(made);
        }
        var controller = await AsAsync("controller", Roles.Controlling);
        var forms = Forms();
        var uploaded = await forms.UploadAsync(controller, Report, "Landesmeldung Übersicht", "Landesmeldung Übersicht.xlsx", made.ToArray());
        Assert.True(uploaded.IsDone, uploaded.Message);
        var id = uploaded.Value;
        var mapping = (await forms.MappingAsync(Report, id))!;
        Assert.Equal(["Birkenfelde", "Gesamt", "Liste", "Rechnung", "Zeitraum"], mapping.Names.Select(n => n.Name));
        Assert.Equal("'Übersicht Land'!D1:F3".Replace("'", ""), mapping.Names.Single(n => n.Name == "Liste").Reference);
        Assert.Contains(mapping.Skipped, s => s.Contains("NurBlatt"));

        // What does not fit is refused, naming it, and nothing of it is kept.
        Assert.Contains("einzelne Zelle", (await forms.SaveMappingAsync(controller, Report, id, new Dictionary<string, string> { ["Gesamt"] = "tabelle" })).Message);
        Assert.Contains("keine Spalte „Gemeinde“ mit einer Summe", (await forms.SaveMappingAsync(controller, Report, id, new Dictionary<string, string> { ["Gesamt"] = "summe:Gemeinde" })).Message);
        Assert.Contains("keinen Namen „Fehlt“", (await forms.SaveMappingAsync(controller, Report, id, new Dictionary<string, string> { ["Fehlt"] = "summe:Eingaenge" })).Message);
        Assert.Contains("auch die Zeile", (await forms.SaveMappingAsync(controller, Report, id, new Dictionary<string, string> { ["Gesamt"] = "wert:Eingaenge: " })).Message);
        Assert.Empty((await forms.MappingAsync(Report, id))!.Cells);
        // A head may fill forms, not set them up.
        Assert.False((await forms.SaveMappingAsync(await AsAsync("head", Roles.Head), Report, id, new Dictionary<string, string> { ["Gesamt"] = "summe:Eingaenge" })).IsDone);

        // A formula cell is never overwritten.
        Assert.True((await forms.SaveMappingAsync(controller, Report, id, new Dictionary<string, string> { ["Rechnung"] = "summe:Eingaenge" })).IsDone);
        var (_, formula) = await forms.FillAsync(controller, Report, id, new ReportFilters(null, "2026-08-01", "2026-10-31", null, null));
        Assert.Contains("Übersicht Land!B2", formula);
        Assert.Contains("enthält eine Formel", formula);

        // A range too small for the rows: no file, and it says which range.
        Assert.True((await forms.SaveMappingAsync(controller, Report, id, new Dictionary<string, string>
            { ["Gesamt"] = "summe:Eingaenge", ["Zeitraum"] = "parameter:zeitraum", ["Liste"] = "tabelle" })).IsDone);
        var (none, tooMany) = await forms.FillAsync(controller, Report, id, new ReportFilters(null, "2026-08-01", "2026-10-31", null, null));
        Assert.Null(none);
        Assert.Contains("„Liste“ (Übersicht Land!D1:F3) fasst 3 Zeilen", tooMany);

        Assert.True((await forms.SaveMappingAsync(controller, Report, id, new Dictionary<string, string>
            { ["Gesamt"] = "summe:Eingaenge", ["Zeitraum"] = "parameter:zeitraum", ["Liste"] = "", ["Birkenfelde"] = "wert:Eingaenge:Birkenfeld" })).IsDone);
        var (file, problem) = await forms.FillAsync(controller, Report, id, new ReportFilters("50.1", "2026-08-01", "2026-10-31", null, null));
        Assert.Null(problem);
        var expected = (await RowsForAsync("50.1", new DateOnly(2026, 8, 1), new DateOnly(2026, 10, 31))).Sum(r => (long)r[1]!);
        using (var filled = new XLWorkbook(new MemoryStream(file!.Content)))
        {
            var sheet = filled.Worksheet("Übersicht Land");
            Assert.Equal(expected, sheet.Cell("B1").GetValue<long>()); // a number now, where the shared-string text was
            Assert.Equal(2 * expected, sheet.Cell("B2").GetValue<long>());
            Assert.Equal("01.08.2026 bis 31.10.2026", sheet.Cell("B4").GetString());
        }
        Assert.Equal("Landesmeldung Übersicht_2026-08-01_2026-10-31.xlsx", file.FileName);
        // A row text that matched no row (mistyped: "Birkenfeld") fills 0, and the user is told to check it.
        Assert.Equal(["„Birkenfeld“ steht im Zeitraum in keiner Zeile des Berichts; in „Birkenfelde“ (Übersicht Land!B5) steht deshalb 0. Stimmt der Text genau mit der Spalte „Gemeinde“ überein?"], file.Notes);
        Assert.Equal(expected, Openpyxl(Save(file.Content), "Übersicht Land").GetProperty("cells").GetProperty("B1").GetInt64());

        Assert.True((await forms.DeleteAsync(controller, Report, id)).IsDone);
        Assert.Null(await forms.MappingAsync(Report, id));
        await using var db = county.Db.Open(UnitScope.System);
        Assert.Matches("\"Content\":\"\\d+ Bytes\"", (await db.AuditEvents.FirstAsync(e => e.EntityType == nameof(OfficialForm) && e.EntityId == id.ToString())).Details);
        var trail = await db.AuditEvents.Where(e => e.EntityType == nameof(OfficialForm) && e.EntityId == id.ToString()).OrderBy(e => e.Id).Select(e => e.Action + " " + e.Actor).ToListAsync();
        // Refused changes and a fill that gave no file leave no trace; the rest does, in order.
        Assert.Equal(["created controller", "form-mapped controller", "form-mapped controller", "form-mapped controller", "form-filled controller", "form-deleted controller"], trail);
    }

    [Fact]
    public async Task A_new_version_of_a_form_keeps_the_assignments_that_still_fit_and_names_the_others()
    {
        var controller = await AsAsync("controller", Roles.Controlling);
        var forms = Forms();
        var uploaded = await forms.UploadAsync(controller, Report, "OZG-Meldung 2026", "OZG-Meldung 2026.xlsx", DemoTemplate());
        Assert.True(uploaded.IsDone, uploaded.Message);
        var id = uploaded.Value;
        Assert.True((await forms.SaveMappingAsync(controller, Report, id, new Dictionary<string, string>
            { ["Zeitraum"] = "parameter:zeitraum", ["Gemeinden"] = "tabelle", ["Kontrollsumme"] = "summe:Eingaenge" })).IsDone);
        // Next year's version: "Zeitraum" still there, "Gemeinden" now a single cell (no room for rows), "Kontrollsumme" gone.
        using var next = new MemoryStream();
        using (var book = new XLWorkbook())
        {
            var sheet = book.AddWorksheet("Meldung 2027");
            book.NamedRanges.Add("Zeitraum", sheet.Range("C3"));
            book.NamedRanges.Add("Gemeinden", sheet.Range("C5"));
            book.SaveAs(next);
        }
        Assert.Equal("Vordrucke richtet das Controlling ein.", (await forms.ReplaceAsync(await AsAsync("head", Roles.Head), Report, id, "x.xlsx", next.ToArray())).Message);
        Assert.Equal("Die Datei ist keine lesbare Excel-Arbeitsmappe (.xlsx).", (await forms.ReplaceAsync(controller, Report, id, "x.xlsx", "kaputt"u8.ToArray())).Message);
        Assert.Equal(3, (await forms.MappingAsync(Report, id))!.Cells.Count); // refused: nothing changed

        var replaced = await forms.ReplaceAsync(controller, Report, id, "OZG-Meldung 2027.xlsx", next.ToArray());
        Assert.True(replaced.IsDone);
        Assert.Equal("Neue Fassung von „OZG-Meldung 2026“ gespeichert; 1 Zuordnung bleibt. Nicht mehr passend und entfernt: „Gemeinden“, „Kontrollsumme“. Bitte prüfen.", replaced.Message);
        var mapping = (await forms.MappingAsync(Report, id))!;
        Assert.Equal(["Zeitraum"], mapping.Cells.Keys);
        var (file, problem) = await forms.FillAsync(controller, Report, id, new ReportFilters(null, "2026-08-01", "2026-08-31", null, null));
        Assert.Null(problem);
        Assert.Equal("OZG-Meldung 2027_2026-08-01_2026-08-31.xlsx", file!.FileName);
        using (var filled = new XLWorkbook(new MemoryStream(file.Content)))
            Assert.Equal("01.08.2026 bis 31.08.2026", filled.Worksheet("Meldung 2027").Cell("C3").GetString());
        await using var db = county.Db.Open(UnitScope.System);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "form-replaced" && e.Actor == "controller" && e.EntityId == id.ToString()));
        Assert.True((await forms.DeleteAsync(controller, Report, id)).IsDone);
    }

    [Fact]
    public async Task A_file_that_is_no_form_is_refused_in_german_and_not_kept()
    {
        var controller = await AsAsync("controller", Roles.Controlling);
        var forms = Forms();
        async Task<string> RefusedAsync(string name, byte[] content, ClaimsPrincipal? user = null)
        {
            var outcome = await forms.UploadAsync(user ?? controller, Report, "Test", name, content);
            Assert.False(outcome.IsDone);
            Assert.Equal(0, outcome.Value);
            return outcome.Message;
        }
        using var noNames = new MemoryStream();
        using (var book = new XLWorkbook()) { book.AddWorksheet("Blatt1").Cell("A1").Value = "ohne Namen"; book.SaveAs(noNames); }
        var before = (await forms.ListAsync(Report)).Count;
        Assert.Equal("Die Datei ist keine lesbare Excel-Arbeitsmappe (.xlsx).", await RefusedAsync("kaputt.xlsx", "kein Excel"u8.ToArray()));
        Assert.Equal("Die Datei ist keine lesbare Excel-Arbeitsmappe (.xlsx).", await RefusedAsync("abgeschnitten.xlsx", DemoTemplate()[..4000]));
        Assert.StartsWith("Die Vorlage enthält keine benannten Zellen", await RefusedAsync("leer.xlsx", noNames.ToArray()));
        Assert.Equal("Bitte eine Excel-Arbeitsmappe (.xlsx) hochladen.", await RefusedAsync("meldung.xls", DemoTemplate()));
        Assert.StartsWith("Die Datei ist größer als 5 MB", await RefusedAsync("gross.xlsx", new byte[OfficialForms.MaxBytes + 1]));
        Assert.Equal("Vordrucke richtet das Controlling ein.", await RefusedAsync("meldung.xlsx", DemoTemplate(), await AsAsync("head", Roles.Head)));
        // Hostile packages are refused with the reason, before any library reads them.
        Assert.Contains("Zip-Bombe", await RefusedAsync("bombe.xlsx", HostileFormTests.Bomb("xl/worksheets/sheet1.xml", 100)));
        Assert.Contains("unzulässigen Namen „../../x“", await RefusedAsync("pfad.xlsx", HostileFormTests.WithPart("../../x", s => s.Write("x"u8))));
        Assert.Contains("Dokumenttyp-Definition", await RefusedAsync("dtd.xlsx", HostileFormTests.WithPart("xl/workbook.xml",
            s => s.Write("<?xml version=\"1.0\"?><!DOCTYPE workbook [<!ENTITY a \"a\">]><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>"u8))));
        Assert.Contains("Steuer- oder Richtungszeichen", await RefusedAsync("rechnung\u202Eslx.xlsx", DemoTemplate()));
        Assert.Equal(before, (await forms.ListAsync(Report)).Count);
    }

    private async Task<List<object?[]>> RowsForAsync(string unit, DateOnly from, DateOnly to)
    {
        await using var db = county.Db.Open(UnitScope.System);
        var top = await county.UnitIdAsync(unit);
        var units = await db.OrgUnits.Where(u => u.Id == top || u.ParentId == top).Select(u => u.Id).ToListAsync();
        await using var read = county.Db.CreateDbContext();
        var rows = new List<object?[]>();
        await foreach (var row in ReportRunner.RowsAsync(read, Catalog.Find(Report)!, new ReportRequest(from, to, null, null), units, DateTime.UtcNow)) rows.Add(row);
        return rows;
    }

    private static byte[] Bytes(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Debian's openpyxl: every cell of a sheet (formulas as written) and how many charts it has.</summary>
    private static JsonElement Openpyxl(string path, string sheet = "Meldung")
    {
        const string script = """
            import json, sys, openpyxl
            ws = openpyxl.load_workbook(sys.argv[1])[sys.argv[2]]
            cells = {c.coordinate: c.value for r in ws.iter_rows() for c in r if c.value is not None}
            print(json.dumps({"cells": cells, "charts": len(ws._charts)}, default=str))
            """;
return Python.Run(script, path, sheet);
    }
}

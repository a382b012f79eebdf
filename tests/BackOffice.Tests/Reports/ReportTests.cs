using System.Text.Json;
using BackOffice.Data;
using BackOffice.Features.Reports;
using BackOffice.Infrastructure;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Reports;

public class ReportTestsOnSqlite(SeededCounty county) : ReportTests<SeededCounty>(county);

public class ReportTestsOnMariaDb(SeededMariaDbCounty county) : ReportTests<SeededMariaDbCounty>(county);

/// <summary>Report definitions, their queries and their exports (issue 13, first part), on both engines.</summary>
public abstract class ReportTests<TCounty>(TCounty county) : IClassFixture<TCounty> where TCounty : SeededCounty
{
    /// <summary>The repository's reports folder.</summary>
    public static string ReportsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BackOffice.sln"))) return Path.Combine(dir.FullName, "reports");
        throw new DirectoryNotFoundException("reports/");
    }

    private static ReportCatalog CatalogOf(string folder) =>
        new(Microsoft.Extensions.Options.Options.Create(new BackOfficeOptions { ReportsDirectory = folder }));

    private async Task<int[]> SozialesAsync() =>
        [await county.UnitIdAsync("50"), await county.UnitIdAsync("50.1"), await county.UnitIdAsync("50.2"), await county.UnitIdAsync("50.3")];

    private static readonly ReportRequest LastQuarter = new(SeededCounty.Anchor.AddDays(-90), SeededCounty.Anchor, null, null);

    private async Task<List<object?[]>> RunAsync(ReportDefinition report, ReportRequest request, IReadOnlyCollection<int> units)
    {
        await using var db = county.Db.CreateDbContext();
        var rows = new List<object?[]>();
        await foreach (var row in ReportRunner.RowsAsync(db, report, request, units, DateTime.UtcNow)) rows.Add(row);
        return rows;
    }

    [Fact]
    public async Task Every_definition_of_the_reports_folder_loads_and_runs()
    {
        var catalog = CatalogOf(ReportsFolder());
        await catalog.CheckAsync(county.Db);
        Assert.Empty(catalog.Problems);
        Assert.True(catalog.Reports.Count >= 10, $"{catalog.Reports.Count} reports");
        var units = await SozialesAsync();
        foreach (var report in catalog.Reports)
        {
            var rows = await RunAsync(report, LastQuarter, units);
            Assert.True(rows.Count > 0, $"{report.File} gives no rows for Soziales' last quarter");
            Assert.All(rows, r => Assert.Equal(report.Columns.Count, r.Length));
        }
    }

    [Fact]
    public async Task Counts_and_shares_match_the_database()
    {
        var report = CatalogOf(ReportsFolder()).Find("online-anteil-je-leistung-und-monat")!;
        var units = await SozialesAsync();
        var rows = await RunAsync(report, LastQuarter, units);
        var (from, to) = (LocalDays.Start(LastQuarter.From), LocalDays.End(LastQuarter.To));
        await using var db = county.Db.Open(UnitScope.System);
        var cases = db.Cases.Where(c => units.Contains(c.UnitId) && c.ReceivedAt >= from && c.ReceivedAt < to);
        Assert.Equal(await cases.CountAsync(), rows.Sum(r => (long)r[2]!));
        Assert.Equal(await cases.CountAsync(c => c.Channel == Channel.Portal), rows.Sum(r => (long)r[3]!));
        // One service in one month, counted by hand: local month boundaries.
        var november = rows.First(r => (string)r[1]! == "2026-11");
        var service = await db.Services.Where(s => s.Name == (string)november[0]!).Select(s => s.Id).SingleAsync();
        var monthStart = LocalDays.Start(new DateOnly(2026, 11, 1));
        var inMonth = cases.Where(c => c.ServiceId == service && c.ReceivedAt >= monthStart);
        Assert.Equal(await inMonth.CountAsync(), (long)november[2]!);
        Assert.Equal((double)await inMonth.CountAsync(c => c.Channel == Channel.Portal) / await inMonth.CountAsync(), (double)november[4]!, 9);
        // Another unit's cases are not counted: Jugend alone gives other numbers, none of Soziales' services.
        var jugend = await RunAsync(report, LastQuarter, [await county.UnitIdAsync("51.1"), await county.UnitIdAsync("51.2")]);
        Assert.DoesNotContain(jugend, r => rows.Any(s => Equals(s[0], r[0])));
    }

    [Fact]
    public async Task Processing_times_per_unit_are_the_nearest_rank_median_and_90th_percentile_of_plain_sql()
    {
        var report = CatalogOf(ReportsFolder()).Find("bearbeitungszeiten-je-einheit")!;
        var units = await SozialesAsync();
        var rows = await RunAsync(report, LastQuarter, units);
        Assert.Equal(3, rows.Count); // 50.1, 50.2, 50.3
        var (from, to) = (LocalDays.Start(LastQuarter.From), LocalDays.End(LastQuarter.To));
        await using var db = county.Db.Open(UnitScope.System);
        foreach (var row in rows)
        {
            var unit = await db.OrgUnits.Where(u => u.Name == (string)row[0]!).Select(u => u.Id).SingleAsync();
            // Independently: the two moments of every case decided in the period, the durations sorted here.
            var durations = (await db.Cases.Where(c => c.UnitId == unit && c.DecidedAt >= from && c.DecidedAt < to)
                .Select(c => new { c.ReceivedAt, c.DecidedAt }).ToListAsync())
                .Select(c => Math.Floor((c.DecidedAt!.Value - c.ReceivedAt).TotalHours)).Order().ToList();
            Assert.Equal(durations.Count, (long)row[1]!);
            Assert.Equal(durations[(int)Math.Ceiling(0.5 * durations.Count) - 1] / 24, (double)row[2]!, 9);
            Assert.Equal(durations[(int)Math.Ceiling(0.9 * durations.Count) - 1] / 24, (double)row[3]!, 9);
        }
    }

    [Fact]
    public async Task The_case_list_gives_every_case_of_the_period_once_with_its_local_dates()
    {
        var report = CatalogOf(ReportsFolder()).Find("vorgaenge-liste")!;
        var units = await SozialesAsync();
        await using var db0 = county.Db.CreateDbContext();
        var rows = new List<object?[]>();
        // Read ahead on a second thread, as the export does.
        await foreach (var row in ReportRunner.RowsAsync(db0, report, LastQuarter, units, DateTime.UtcNow).Prefetched(16)) rows.Add(row);
        var (from, to) = (LocalDays.Start(LastQuarter.From), LocalDays.End(LastQuarter.To));
        await using var db = county.Db.Open(UnitScope.System);
        var cases = await db.Cases.Where(c => units.Contains(c.UnitId) && c.ReceivedAt >= from && c.ReceivedAt < to)
            .Select(c => new { c.Reference, c.ReceivedAt, c.DecidedAt }).ToListAsync();
        Assert.Equal(cases.Count, rows.Count);
        Assert.Equal(cases.Select(c => c.Reference).Order(), rows.Select(r => (string)r[0]!).Order());
        var byReference = rows.ToDictionary(r => (string)r[0]!);
        foreach (var c in cases.Take(200))
        {
            Assert.Equal(LocalDays.DayOf(c.ReceivedAt).ToDateTime(TimeOnly.MinValue), byReference[c.Reference][6]);
            Assert.Equal(c.DecidedAt is { } d ? LocalDays.DayOf(d).ToDateTime(TimeOnly.MinValue) : null, byReference[c.Reference][8]);
        }
    }

    [Fact]
    public async Task A_wrong_definition_is_refused_at_start_up_naming_its_file()
    {
        var folder = Path.Combine(county.Db.Directory, "bad-reports");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "kaputt.json"), "{ \"title\": \"Kaputt\", ");
        File.WriteAllText(Path.Combine(folder, "ohne-einheiten.json"),
            """{ "title": "Alle", "query": "SELECT COUNT(*) AS N FROM Cases", "columns": [ { "name": "N", "field": "N", "format": "Integer" } ] }""");
        File.WriteAllText(Path.Combine(folder, "falsche-spalte.json"),
            """{ "title": "Spalte", "query": "SELECT COUNT(*) AS N FROM Cases c WHERE c.UnitId IN ({units})", "columns": [ { "name": "Anzahl", "field": "Anzahl", "format": "Integer" } ] }""");
        File.WriteAllText(Path.Combine(folder, "falsches-sql.json"),
            """{ "title": "SQL", "query": "SELECT COUNT(*) AS N FROM Faelle c WHERE c.UnitId IN ({units})", "columns": [ { "name": "N", "field": "N", "format": "Integer" } ] }""");
        File.WriteAllText(Path.Combine(folder, "gut.json"),
            """{ "title": "Gut", "query": "SELECT COUNT(*) AS N FROM Cases c WHERE c.UnitId IN ({units})", "columns": [ { "name": "N", "field": "N", "format": "Integer", "total": "sum" } ] }""");
        var catalog = CatalogOf(folder);
        await catalog.CheckAsync(county.Db);
        Assert.Equal(["gut"], catalog.Reports.Select(r => r.Id));
        Assert.Contains(catalog.Problems, p => p.StartsWith("kaputt.json: kein gültiges JSON"));
        Assert.Contains(catalog.Problems, p => p.StartsWith("ohne-einheiten.json: die Abfrage muss „{units}“ enthalten"));
        Assert.Contains(catalog.Problems, p => p.StartsWith("falsche-spalte.json: die Abfrage liefert das Feld „Anzahl“ nicht"));
        Assert.Contains(catalog.Problems, p => p.StartsWith("falsches-sql.json: die Datenbank lehnt die Abfrage ab"));
    }

    [Fact]
    public async Task The_xlsx_opens_with_an_independent_reader_with_its_values_formats_totals_and_parameters()
    {
        var report = CatalogOf(ReportsFolder()).Find("online-anteil-je-leistung-und-monat")!;
        var units = await SozialesAsync();
        var rows = await RunAsync(report, LastQuarter, units);
        var path = Path.Combine(county.Db.Directory, $"{Guid.NewGuid():N}.xlsx");
        await using (var db = county.Db.CreateDbContext())
        await using (var file = File.Create(path))
        {
            // The person who made it is named as people know them, not by their login.
            var made = await ReportForm.InfoAsync(county.Db, report, LastQuarter, new ReportUnits.Choice(units, "50 Fachbereich Soziales"), "controller");
            Assert.Equal(("Markus Schneider", "controller"), (made.By, made.Actor));
            Assert.Equal("Markus Schneider (geplant)", (await ReportForm.InfoAsync(county.Db, report, LastQuarter, new ReportUnits.Choice(units, ""), "controller", scheduled: true)).By);
            var info = made with { Period = "22.08.2026 bis 20.11.2026", At = new DateTime(2026, 11, 26, 9, 30, 0) };
            Assert.Equal(rows.Count, await ReportExport.XlsxAsync(file, report, ReportRunner.RowsAsync(db, report, LastQuarter, units, DateTime.UtcNow), info));
        }
        var book = ReadWithOpenpyxl(path);
        Assert.Equal(["Online-Anteil je Leistung und M", "Parameter"], book.GetProperty("sheets").EnumerateArray().Select(s => s.GetString()));
        var sheet = book.GetProperty("first");
        Assert.Equal("A2", sheet.GetProperty("freeze").GetString());
        Assert.StartsWith("A1:E1", sheet.GetProperty("filter").GetString());
        var values = sheet.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(report.Columns.Select(c => c.Name), values[0].EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(rows.Count + 2, values.Count); // header, rows, totals
        for (var i = 0; i < rows.Count; i++)
        {
            var got = values[i + 1].EnumerateArray().ToList();
            Assert.Equal((string)rows[i][0]!, got[0].GetString());
            Assert.Equal((long)rows[i][2]!, got[2].GetInt64());
            Assert.Equal((double)rows[i][4]!, got[4].GetDouble(), 12);
        }
        var totals = values[^1].EnumerateArray().ToList();
        Assert.Equal("Summe", totals[0].GetString());
        Assert.Equal(rows.Sum(r => (long)r[2]!), totals[2].GetInt64());
        Assert.Equal((double)rows.Sum(r => (long)r[3]!) / rows.Sum(r => (long)r[2]!), totals[4].GetDouble(), 12);
        var formats = sheet.GetProperty("formats").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Equal(["General", "General", "#,##0", "#,##0", "0.0%"], formats);
        Assert.True(sheet.GetProperty("headerBold").GetBoolean());
        var parameters = book.GetProperty("parameters").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.ToString()).ToList()).ToList();
        Assert.Contains(parameters, p => p[0] == "Zeitraum" && p[1] == "22.08.2026 bis 20.11.2026");
        Assert.Contains(parameters, p => p[0] == "Organisationseinheiten" && p[1] == "50 Fachbereich Soziales");
        Assert.Contains(parameters, p => p[0] == "Erstellt von" && p[1] == "Markus Schneider"); // the person, not the login
    }

    [Fact]
    public async Task Every_reports_xlsx_and_csv_read_back_give_every_value_of_the_query_and_its_totals()
    {
        var units = await SozialesAsync();
        var german = System.Globalization.CultureInfo.GetCultureInfo("de-DE");
        foreach (var report in CatalogOf(ReportsFolder()).Reports)
        {
            var rows = await RunAsync(report, LastQuarter, units);
            var totals = new ReportTotals(report);
            rows.ForEach(totals.Add);
            using var xlsx = new MemoryStream();
            var csv = new MemoryStream();
            await using (var db = county.Db.CreateDbContext())
            {
                var info = new ExportInfo(report.Title, "", "", "", "", "controller", DateTime.Now, "controller");
                await ReportExport.XlsxAsync(xlsx, report, ReportRunner.RowsAsync(db, report, LastQuarter, units, DateTime.UtcNow), info);
                await ReportExport.CsvAsync(csv, report, ReportRunner.RowsAsync(db, report, LastQuarter, units, DateTime.UtcNow));
            }
            // ClosedXML: the first sheet holds the header, every row and the totals row, cell by cell.
            using var book = new ClosedXML.Excel.XLWorkbook(new MemoryStream(xlsx.ToArray()));
            var sheet = book.Worksheet(1);
            var expected = rows.Prepend(null).Append(totals.Any ? totals.Row() : null).ToList();
            if (!totals.Any) expected.RemoveAt(expected.Count - 1);
            Assert.Equal(expected.Count, sheet.LastRowUsed().RowNumber());
            // openpyxl, the independent reader: the same cells.
            var path = Path.Combine(county.Db.Directory, $"{report.Id}-{Guid.NewGuid():N}.xlsx");
            File.WriteAllBytes(path, xlsx.ToArray());
            var independent = Python.Run("""
                import json, sys, openpyxl
                ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
                print(json.dumps([[c.value for c in r] for r in ws.iter_rows()], default=str))
                """, path).EnumerateArray().Select(r => r.EnumerateArray().ToList()).ToList();
            Assert.Equal(expected.Count, independent.Count);
            var lines = System.Text.Encoding.UTF8.GetString(csv.ToArray()[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(expected.Count, lines.Length);
            for (var r = 1; r < expected.Count; r++)
                for (var c = 0; c < report.Columns.Count; c++)
                {
                    var (want, cell, where) = (expected[r]![c], sheet.Cell(r + 1, c + 1), $"{report.File} row {r + 1} column {c + 1}");
                    switch (want)
                    {
                        case null: Assert.True(cell.IsEmpty(), where); break;
                        case long n: Assert.True(n == cell.GetDouble(), $"{where}: {n} vs {cell.GetDouble()}"); break;
                        case double d: Assert.True(Math.Abs(d - cell.GetDouble()) < 1e-9, $"{where}: {d} vs {cell.GetDouble()}"); break;
                        case DateTime t: Assert.True(t == cell.GetDateTime(), where); break;
                        default: Assert.True(want.ToString() == cell.GetString(), $"{where}: {want} vs {cell.GetString()}"); break;
                    }
                    Assert.True(ReportExport.Text(want, report.Columns[c].Format) == lines[r].Split(';')[c].Trim('"'), $"{where} in CSV");
                    var other = independent[r][c];
                    Assert.True(want switch
                    {
                        null => other.ValueKind == System.Text.Json.JsonValueKind.Null,
                        long n => other.GetDouble() == n,
                        double d => Math.Abs(other.GetDouble() - d) < 1e-9,
                        DateTime t => other.GetString() == t.ToString("yyyy-MM-dd HH:mm:ss"),
                        _ => other.GetString() == want.ToString(),
                    }, $"{where} read by openpyxl: {other}");
                }
        }
    }

    [Fact]
    public async Task A_report_with_parts_gets_a_sheet_for_each_part()
    {
        var report = CatalogOf(ReportsFolder()).Find("vorgaenge-je-leistung-und-monat")!;
        Assert.Single(report.Parts);
        var units = await SozialesAsync();
        var path = Path.Combine(county.Db.Directory, $"{Guid.NewGuid():N}.xlsx");
        await using (var db = county.Db.CreateDbContext())
        await using (var file = File.Create(path))
            await ReportExport.XlsxAsync(file, report, ReportRunner.RowsAsync(db, report, LastQuarter, units, DateTime.UtcNow).Prefetched(64),
                new ExportInfo(report.Title, "", "", "", "", "", DateTime.Now, ""), default, part => ReportRunner.RowsAsync(db, part, LastQuarter, units, DateTime.UtcNow));
        var book = ReadWithOpenpyxl(path);
        Assert.Equal(["Vorgänge je Leistung und Monat", "Je Einheit und Monat", "Parameter"], book.GetProperty("sheets").EnumerateArray().Select(s => s.GetString()));
        var sheets = book.GetProperty("all").EnumerateArray().ToList();
        long Total(JsonElement sheet) => sheet.EnumerateArray().Last().EnumerateArray().ElementAt(2).GetInt64();
        // The same cases, counted by service and by unit: the same total.
        var (from, to) = (LocalDays.Start(LastQuarter.From), LocalDays.End(LastQuarter.To));
        await using var check = county.Db.Open(UnitScope.System);
        var expected = await check.Cases.CountAsync(c => units.Contains(c.UnitId) && c.ReceivedAt >= from && c.ReceivedAt < to);
        Assert.Equal(expected, Total(sheets[0]));
        Assert.Equal(expected, Total(sheets[1]));
        Assert.Equal(3 * 4, sheets[1].GetArrayLength() - 2); // 3 units x 4 months (Aug to Nov), besides header and totals
    }

    [Fact]
    public async Task Text_that_looks_like_a_formula_stays_text_in_xlsx_and_csv()
    {
        var folder = Path.Combine(county.Db.Directory, "formula-reports");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "formeln.json"), """
            { "title": "Formeln", "query": "SELECT '=1+1' AS A, '+49 4551 1' AS B, '-Rabatt' AS C, '@SUMME(A1)' AS D, -5 AS N FROM OrgUnits o WHERE o.Id IN ({units})",
              "columns": [ { "name": "A", "field": "A" }, { "name": "B", "field": "B" }, { "name": "C", "field": "C" }, { "name": "D", "field": "D" }, { "name": "N", "field": "N", "format": "Integer" } ] }
            """);
        var report = CatalogOf(folder).Find("formeln")!;
        var units = new[] { await county.UnitIdAsync("50.1") };
        await using var db = county.Db.CreateDbContext();
        var csv = new MemoryStream();
        await ReportExport.CsvAsync(csv, report, ReportRunner.RowsAsync(db, report, LastQuarter, units, DateTime.UtcNow));
        var bytes = csv.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]); // UTF-8 with BOM, as German Excel expects
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("A;B;C;D;N", lines[0]);
        Assert.Equal("'=1+1;'+49 4551 1;'-Rabatt;'@SUMME(A1);-5", lines[1]); // numbers stay numbers

        var path = Path.Combine(folder, "formeln.xlsx");
        await using (var file = File.Create(path))
            await ReportExport.XlsxAsync(file, report, ReportRunner.RowsAsync(db, report, LastQuarter, units, DateTime.UtcNow),
                new ExportInfo("Formeln", "", "", "", "", "", DateTime.Now, ""));
        var row = ReadWithOpenpyxl(path).GetProperty("first").GetProperty("types").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Equal(["s", "s", "s", "s", "n"], row); // strings, never formulas ("f"), and the number a number
    }

    /// <summary>Debian's openpyxl reads the file: an independent reader, not the library that wrote it.</summary>
    private static JsonElement ReadWithOpenpyxl(string path)
    {
        const string script = """
            import json, sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb.worksheets[0]
            rows = [[c.value for c in r] for r in ws.iter_rows()]
            out = {
              "sheets": wb.sheetnames,
              "first": {
                "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref, "rows": rows,
                "formats": [c.number_format for c in ws[2]] if ws.max_row > 1 else [],
                "types": [c.data_type for c in ws[2]] if ws.max_row > 1 else [],
                "headerBold": bool(ws["A1"].font.b),
              },
              "parameters": [[c.value for c in r] for r in wb.worksheets[-1].iter_rows(min_row=2)],
              "all": [[[c.value for c in r] for r in w.iter_rows()] for w in wb.worksheets],
            }
            print(json.dumps(out, default=str))
            """;
return Python.Run(script, path);
    }
}

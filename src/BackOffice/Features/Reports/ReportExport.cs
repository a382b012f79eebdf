using System.Drawing;
using System.Globalization;
using System.Text;
using BackOffice.Data;
using BackOffice.Infrastructure;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace BackOffice.Features.Reports;

/// <summary>What an export says about itself on its sheet "Parameter" (and in the CSV's file name).</summary>
/// <param name="By">The person, as the file names them; <paramref name="Actor"/> is their login, for the audit trail.</param>
public sealed record ExportInfo(string Report, string Period, string Units, string Service, string Channel, string By, DateTime At, string Actor);

/// <summary>The totals row: sums, and shares as the sum of one column over the sum of another (never an average of shares).</summary>
public sealed class ReportTotals(ReportDefinition report)
{
    private readonly double[] _sums = new double[report.Columns.Count];
    public bool Any => report.Columns.Any(c => c.Total is not null);

    public void Add(object?[] row)
    {
        for (var i = 0; i < row.Length; i++)
            if (row[i] is long or double) _sums[i] += System.Convert.ToDouble(row[i], CultureInfo.InvariantCulture);
    }

    /// <summary>The totals row's values: "Summe" in the first column that has no total, then each column's total.</summary>
    public object?[] Row()
    {
        var row = new object?[report.Columns.Count];
        for (var i = 0; i < row.Length; i++)
        {
            var c = report.Columns[i];
            row[i] = c.Total switch
            {
                "sum" => c.Format == ColumnFormat.Integer ? (long)Math.Round(_sums[i]) : _sums[i],
                { } t when t.StartsWith("ratio:") => Ratio(t[6..].Split('/')),
                _ => null,
            };
        }
        var label = Array.FindIndex(row, v => v is null);
        if (label >= 0 && report.Columns[label].Format == ColumnFormat.Text) row[label] = "Summe";
        return row;
    }

    private double? Ratio(string[] fields)
    {
        var (a, b) = (report.ColumnIndex(fields[0]), report.ColumnIndex(fields[1]));
        return _sums[b] == 0 ? null : _sums[a] / _sums[b];
    }
}

/// <summary>
/// Writes a report row by row as it is read: .xlsx with SpreadCheetah (styled header, German number formats through
/// Excel's own locale, frozen header, autofilter, widths, totals, a sheet "Parameter"), or CSV as German Excel reads
/// it (semicolon, UTF-8 with BOM). Text that starts like a formula stays text.
/// </summary>
public static class ReportExport
{
    public static string FileName(ReportDefinition report, ReportRequest request, bool csv) =>
        $"{report.Id}_{request.From:yyyy-MM-dd}_{request.To:yyyy-MM-dd}.{(csv ? "csv" : "xlsx")}";

    public static string ContentType(bool csv) => csv ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// Runs the report for the units and writes it, read ahead on a second thread, as CSV or .xlsx with its parts:
    /// what the export address, the page's background exports and the schedules all do. <paramref name="onRow"/> is
    /// called for every row of the first sheet as it is written. Returns that sheet's rows.
    /// </summary>
    public static Task<int> WriteAsync(Stream stream, BackOfficeDb db, ReportDefinition report, ReportRequest request, IReadOnlyCollection<int> units,
        ExportInfo info, bool csv, CancellationToken ct = default, Action? onRow = null)
    {
        var rows = ReportRunner.RowsAsync(db, report, request, units, DateTime.UtcNow, ct).Prefetched(4096, ct);
        if (onRow is not null) rows = Tapped(rows, onRow);
        return csv ? CsvAsync(stream, report, rows, ct)
            : XlsxAsync(stream, report, rows, info, ct, part => ReportRunner.RowsAsync(db, part, request, units, DateTime.UtcNow, ct));
    }

    private static async IAsyncEnumerable<object?[]> Tapped(IAsyncEnumerable<object?[]> rows, Action onRow)
    {
        await foreach (var row in rows)
        {
            onRow();
            yield return row;
        }
    }

    /// <summary>
    /// The report's sheet, then one sheet per part (read through <paramref name="partRows"/> one after the other, so a
    /// single context serves them all), then "Parameter". Returns the rows of the first sheet.
    /// </summary>
    public static async Task<int> XlsxAsync(Stream stream, ReportDefinition report, IAsyncEnumerable<object?[]> rows, ExportInfo info,
        CancellationToken ct = default, Func<ReportDefinition, IAsyncEnumerable<object?[]>>? partRows = null)
    {
        await using var sheet = await Spreadsheet.CreateNewAsync(stream, new SpreadCheetahOptions { BufferSize = 65_536 }, ct);
        var header = sheet.AddStyle(new Style { Font = { Bold = true, Color = Color.White }, Fill = { Color = Color.FromArgb(0x1f, 0x4e, 0x99) } });
        var names = new HashSet<string>(); // each sheet's name, so that a part's is not taken twice
        var count = await SheetAsync(sheet, report, rows, header, names, ct);
        if (partRows is not null)
            foreach (var part in report.Parts) await SheetAsync(sheet, part, partRows(part), header, names, ct);

        var parameterOptions = new WorksheetOptions();
        (parameterOptions.Column(1).Width, parameterOptions.Column(2).Width) = (24, 70);
        await sheet.StartWorksheetAsync("Parameter", parameterOptions, ct);
        await sheet.AddHeaderRowAsync(["Angabe", "Wert"], header, ct);
        foreach (var (key, value) in Lines(info, count))
            await sheet.AddRowAsync([new Cell(key), value], ct);
        await sheet.FinishAsync(ct);
        return count;
    }

    private static async Task<int> SheetAsync(Spreadsheet sheet, ReportDefinition report, IAsyncEnumerable<object?[]> rows, StyleId header, HashSet<string> taken, CancellationToken ct)
    {
        var columns = report.Columns;
        var options = new WorksheetOptions { FrozenRows = 1, AutoFilter = new AutoFilterOptions($"A1:{ColumnLetter(columns.Count)}1") };
        for (var i = 0; i < columns.Count; i++) options.Column(i + 1).Width = columns[i].Width ?? DefaultWidth(columns[i]);
        var title = SheetName(report.Title);
        var name = title;
        for (var n = 2; !taken.Add(name); n++) name = title[..Math.Min(28, title.Length)] + $" {n}";
        await sheet.StartWorksheetAsync(name, options, ct);
        var styles = columns.Select(c => sheet.AddStyle(new Style { Format = Format(c.Format) })).ToArray();
        var totalStyles = columns.Select(c => sheet.AddStyle(new Style { Format = Format(c.Format), Font = { Bold = true } })).ToArray();
        await sheet.AddHeaderRowAsync(columns.Select(c => c.Name).ToList(), header, ct);

        var totals = new ReportTotals(report);
        var cells = new Cell[columns.Count];
        var count = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            for (var i = 0; i < row.Length; i++) cells[i] = CellOf(row[i], styles[i]);
            await sheet.AddRowAsync(cells, ct);
            totals.Add(row);
            count++;
        }
        if (totals.Any)
        {
            var total = totals.Row();
            await sheet.AddRowAsync(total.Select((v, i) => CellOf(v, totalStyles[i])).ToArray(), ct);
        }
        return count;
    }

    public static async Task<int> CsvAsync(Stream stream, ReportDefinition report, IAsyncEnumerable<object?[]> rows, CancellationToken ct = default)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 65_536, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(string.Join(";", report.Columns.Select(c => CsvText.Field(c.Name))));
        var totals = new ReportTotals(report);
        var count = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            await writer.WriteLineAsync(string.Join(";", row.Select((v, i) => CsvText.Field(Text(v, report.Columns[i].Format)))));
            totals.Add(row);
            count++;
        }
        if (totals.Any) await writer.WriteLineAsync(string.Join(";", totals.Row().Select((v, i) => CsvText.Field(Text(v, report.Columns[i].Format)))));
        return count;
    }

    /// <summary>The values as the preview and CSV show them, German style.</summary>
    public static string Text(object? value, ColumnFormat format) => value switch
    {
        null => "",
        long n => format == ColumnFormat.Percent ? (n * 100.0).ToString("N1", German) + " %" : n.ToString("N0", German),
        double d => format switch
        {
            ColumnFormat.Percent => (d * 100).ToString("N1", German) + " %",
            ColumnFormat.Integer => d.ToString("N0", German),
            _ => d.ToString("N1", German),
        },
        DateTime t => t.ToString("dd.MM.yyyy", German),
        _ => value.ToString() ?? "",
    };

    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");


    private static Cell CellOf(object? value, StyleId style) => value switch
    {
        null => new Cell((string?)null, style),
        long n => new Cell(n, style),
        double d => new Cell(d, style),
        DateTime t => new Cell(t, style),
        // A string cell: never a formula, whatever it starts with.
        _ => new Cell(value.ToString(), style),
    };

    private static NumberFormat? Format(ColumnFormat f) => f switch
    {
        ColumnFormat.Integer => NumberFormat.Custom("#,##0"),
        ColumnFormat.Decimal => NumberFormat.Custom("#,##0.0"),
        ColumnFormat.Percent => NumberFormat.Custom("0.0%"),
        ColumnFormat.Date => NumberFormat.Custom("dd.mm.yyyy"),
        _ => null,
    };

    private static double DefaultWidth(ReportColumn c) => c.Format switch
    {
        ColumnFormat.Text => Math.Clamp(c.Name.Length + 4, 14, 45),
        _ => Math.Max(c.Name.Length + 4, 12),
    };

    private static IEnumerable<(string, Cell)> Lines(ExportInfo info, int rows) =>
    [
        ("Bericht", new(info.Report)), ("Zeitraum", new(info.Period)), ("Organisationseinheiten", new(info.Units)), ("Leistung", new(info.Service)),
        ("Eingangskanal", new(info.Channel)), ("Zeilen", new(rows)),
        ("Erstellt am", new(info.At.ToString("dd.MM.yyyy HH:mm", German) + " Uhr")), ("Erstellt von", new(info.By)),
    ];

    /// <summary>Excel's sheet names: at most 31 characters, none of : \ / ? * [ ].</summary>
    private static string SheetName(string title)
    {
        var name = new string(title.Where(ch => ch is not (':' or '\\' or '/' or '?' or '*' or '[' or ']')).ToArray()).Trim();
        return name.Length == 0 ? "Bericht" : name[..Math.Min(31, name.Length)].TrimEnd();
    }

    private static string ColumnLetter(int n)
    {
        var s = "";
        for (; n > 0; n = (n - 1) / 26) s = (char)('A' + (n - 1) % 26) + s;
        return s;
    }
}

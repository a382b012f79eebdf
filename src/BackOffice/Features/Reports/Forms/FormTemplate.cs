using BackOffice.Infrastructure;
using System.Globalization;
using System.IO.Packaging;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BackOffice.Features.Reports.Forms;

/// <summary>A workbook-level name of a form: one cell, or a range of rows and columns on one sheet.</summary>
public sealed record FormName(string Name, string Sheet, int Row, int Column, int Rows, int Columns)
{
    public bool IsRange => Rows > 1 || Columns > 1;

    /// <summary>"Meldung!B4" or "Meldung!A8:C20", as Excel shows it.</summary>
    public string Reference => IsRange ? $"{Sheet}!{FormTemplate.CellName(Row, Column)}:{FormTemplate.CellName(Row + Rows - 1, Column + Columns - 1)}"
        : $"{Sheet}!{FormTemplate.CellName(Row, Column)}";
}

/// <summary>What goes into one named cell or range: one value into its first cell, or rows into the range.</summary>
public sealed record FormValue(FormName Target, object? Value, IReadOnlyList<object?[]>? Rows = null);

/// <summary>
/// An official form's .xlsx, read and filled with the Open XML SDK: only the named cells change, everything else of the
/// package (layout, formulas, charts, images, text boxes) stays as it was uploaded. Formulas are
/// recalculated by Excel and LibreOffice when the filled form is opened (ADR-0012).
/// </summary>
public static partial class FormTemplate
{
    /// <summary>A form is a few sheets of layout: what its parts may unpack to before it is opened (a bomb stops here).</summary>
    public static readonly ZipPackages.Limits PackageLimits = new(MaxEntries: 500, MaxPartBytes: 16L * 1024 * 1024, MaxTotalBytes: 48L * 1024 * 1024,
        Unreadable: Unreadable);

    public const string Unreadable = "Die Datei ist keine lesbare Excel-Arbeitsmappe (.xlsx).";

    /// <summary>The largest range a form may name: a statistics form has rows for municipalities or services, not a million.</summary>
    public const int MaxRangeRows = 5_000, MaxRangeCells = 100_000;

    /// <summary>Excel's own bounds: a reference beyond them is no cell.</summary>
    public const int MaxSheetRows = 1_048_576, MaxSheetColumns = 16_384;

    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>How long filling one form may take before it is given up (a form is filled in well under a second).</summary>
    public static readonly TimeSpan FillTimeLimit = TimeSpan.FromSeconds(30);

    /// <summary>The form's usable names, and a German sentence for each name that cannot be filled; or why the file is no form.</summary>
    public static (IReadOnlyList<FormName> Names, IReadOnlyList<string> Skipped, string? Problem) Read(byte[] content)
    {
        if (ZipPackages.Problem(content, PackageLimits) is { } unsafePackage) return ([], [], unsafePackage);
        try
        {
            using var doc = SpreadsheetDocument.Open(new MemoryStream(content, false), false);
            if (doc.DocumentType != SpreadsheetDocumentType.Workbook)
                return ([], [], "Bitte eine Excel-Arbeitsmappe (.xlsx) hochladen; Vorlagen mit Makros oder Mustervorlagen (.xltx) werden nicht angenommen.");
            var sheets = doc.WorkbookPart?.Workbook.Sheets?.Elements<Sheet>().Select(s => s.Name?.Value).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
            var names = new List<FormName>();
            var skipped = new List<string>();
            foreach (var d in doc.WorkbookPart?.Workbook.DefinedNames?.Elements<DefinedName>() ?? [])
            {
                var name = d.Name?.Value ?? "";
                if (name.StartsWith("_xlnm.", StringComparison.OrdinalIgnoreCase) || d.Hidden?.Value == true) continue; // print areas and the like
                if (d.LocalSheetId is not null) { skipped.Add($"„{name}“ gilt nur für ein Blatt; bitte als Name der Arbeitsmappe anlegen."); continue; }
                if (name.Length > 255) { skipped.Add($"Ein Name ist länger als 255 Zeichen („{name[..40]}…“); Excel erlaubt das nicht."); continue; }
                if (Parse(name, d.Text) is { } n && sheets.Contains(n.Sheet))
                {
                    if (n.Rows > MaxRangeRows || (long)n.Rows * n.Columns > MaxRangeCells)
                        skipped.Add(string.Create(German, $"„{name}“ umfasst {(long)n.Rows * n.Columns:N0} Zellen ({n.Reference}); ein Bereich darf höchstens {MaxRangeRows:N0} Zeilen und {MaxRangeCells:N0} Zellen haben. Bitte den Bereich auf die Zeilen des Vordrucks beschränken."));
                    else names.Add(n);
                }
                else skipped.Add($"„{name}“ verweist nicht auf eine Zelle oder einen zusammenhängenden Bereich (={d.Text}).");
            }
            if (names.Count == 0)
                return ([], skipped, "Die Vorlage enthält keine benannten Zellen, die gefüllt werden können. Bitte in Excel die Zellen, die gefüllt werden sollen, benennen (Formeln › Namensmanager) und erneut hochladen."
                    + (skipped.Count == 0 ? "" : " Nicht verwendbar: " + string.Join(" ", skipped.Take(5))));
            return (names.OrderBy(n => n.Name, StringComparer.OrdinalIgnoreCase).ToList(), skipped, null);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or System.Xml.XmlException or InvalidOperationException or ArgumentException)
        {
            return ([], [], Unreadable);
        }
    }

    /// <summary>
    /// The template with the values written: numbers as numbers, dates as Excel dates where the cell has a number format
    /// (else as German text), text as inline text; a range's rows below the data are emptied. A cell that holds a
    /// formula is never overwritten: that is a German problem instead, and nothing is written.
    /// </summary>
    /// <remarks>The package is checked again first: a form stored before a check existed must not get through either.</remarks>
    public static (byte[]? Content, string? Problem) Fill(byte[] template, IReadOnlyList<FormValue> values, CancellationToken ct = default)
    {
        if (ZipPackages.Problem(template, PackageLimits, ct) is { } unsafePackage) return (null, unsafePackage);
        if (values.FirstOrDefault(v => v.Target.Rows > MaxRangeRows || (long)v.Target.Rows * v.Target.Columns > MaxRangeCells) is { } huge)
            return (null, $"„{huge.Target.Name}“ ({huge.Target.Reference}) ist zu groß, um gefüllt zu werden. Bitte den Vordruck mit einem kleineren Bereich neu hochladen.");
        using var stream = new MemoryStream();
        stream.Write(template);
        using (var doc = SpreadsheetDocument.Open(stream, true))
        {
            var workbook = doc.WorkbookPart!;
            var rowsBySheet = new Dictionary<SheetData, SortedList<uint, Row>>();
            foreach (var value in values)
            {
                var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First(s => string.Equals(s.Name?.Value, value.Target.Sheet, StringComparison.OrdinalIgnoreCase));
                if (workbook.GetPartById(sheet.Id!) is not WorksheetPart part) return (null, $"„{value.Target.Name}“ liegt nicht auf einem Tabellenblatt.");
                var data = part.Worksheet.GetFirstChild<SheetData>() ?? part.Worksheet.AppendChild(new SheetData());
                if (!rowsBySheet.TryGetValue(data, out var sheetRows)) rowsBySheet[data] = sheetRows = RowsOf(data);
                var t = value.Target;
                var rows = value.Rows ?? [[value.Value]];
                var width = value.Rows is null ? 1 : t.Columns;
                var height = value.Rows is null ? 1 : t.Rows;
                for (var r = 0; r < height; r++)
                    for (var c = 0; c < width; c++)
                    {
                        ct.ThrowIfCancellationRequested();
                        var cell = CellAt(data, sheetRows, t.Row + r, t.Column + c);
                        if (cell.CellFormula is not null) return (null, $"Die Zelle {t.Sheet}!{CellName(t.Row + r, t.Column + c)} („{t.Name}“) enthält eine Formel; sie wird nicht überschrieben. Bitte den Namen in der Vorlage auf die Eingabezellen beschränken.");
                        Write(cell, r < rows.Count && c < rows[r].Length ? rows[r][c] : null);
                    }
            }
            // Excel and LibreOffice recalculate on opening: no calculation chain, no cached results of formulas.
            if (workbook.CalculationChainPart is { } chain) workbook.DeletePart(chain);
            var calc = workbook.Workbook.CalculationProperties ??= workbook.Workbook.AppendChild(new CalculationProperties());
            calc.FullCalculationOnLoad = true;
            foreach (var part in workbook.WorksheetParts)
            {
                ct.ThrowIfCancellationRequested();
                foreach (var cell in part.Worksheet.Descendants<Cell>().Where(c => c.CellFormula is not null))
                {
                    cell.CellValue?.Remove();
                    cell.DataType = null;
                }
                part.Worksheet.Save();
            }
            workbook.Workbook.Save();
        }
        return (stream.ToArray(), null);
    }

    private static void Write(Cell cell, object? value)
    {
        cell.CellValue?.Remove();
        cell.InlineString?.Remove();
        cell.DataType = null;
        switch (value)
        {
            case null:
                break;
            case long or int or double or decimal:
                cell.CellValue = new CellValue(Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture));
                break;
            case DateTime d when (cell.StyleIndex?.Value ?? 0) != 0:
                cell.CellValue = new CellValue(d.ToOADate().ToString("R", CultureInfo.InvariantCulture));
                break;
            default:
                var text = value is DateTime day ? day.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture) : Convert.ToString(value, CultureInfo.GetCultureInfo("de-DE")) ?? "";
                cell.DataType = CellValues.InlineString;
                cell.InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
                break;
        }
    }

    /// <summary>The sheet's rows by number, to find a row without walking the sheet for every cell.</summary>
    private static SortedList<uint, Row> RowsOf(SheetData data)
    {
        var rows = new SortedList<uint, Row>();
        foreach (var row in data.Elements<Row>())
            if (row.RowIndex?.Value is { } index) rows.TryAdd(index, row);
        return rows;
    }

    /// <summary>The cell at row and column (1-based), created in order where the sheet has none.</summary>
    private static Cell CellAt(SheetData data, SortedList<uint, Row> rows, int row, int column)
    {
        if (!rows.TryGetValue((uint)row, out var r))
        {
            r = new Row { RowIndex = (uint)row };
            var next = FirstAbove(rows.Keys, (uint)row);
            if (next < 0) data.AppendChild(r); else data.InsertBefore(r, rows.Values[next]);
            rows.Add((uint)row, r);
        }
        r.Spans = null; // a hint of which columns the row uses; dropped rather than kept wrong
        var name = CellName(row, column);
        Cell? after = null;
        foreach (var c in r.Elements<Cell>())
        {
            var col = c.CellReference?.Value is { } reference ? ColumnOf(reference) : 0;
            if (col == column) return c;
            if (col > column) { after = c; break; }
        }
        var cell = new Cell { CellReference = name };
        if (after is null) r.AppendChild(cell); else r.InsertBefore(cell, after);
        return cell;
    }

    /// <summary>The position of the first key above <paramref name="value"/>, or -1.</summary>
    private static int FirstAbove(IList<uint> keys, uint value)
    {
        var (lo, hi) = (0, keys.Count);
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (keys[mid] > value) hi = mid; else lo = mid + 1;
        }
        return lo < keys.Count ? lo : -1;
    }

    /// <summary>"$C$5" or "C5" of a name's reference: 1-based row and column.</summary>
    public static string CellName(int row, int column)
    {
        var letters = "";
        for (var c = column; c > 0; c = (c - 1) / 26) letters = (char)('A' + (c - 1) % 26) + letters;
        return letters + row.ToString(CultureInfo.InvariantCulture);
    }

    private static int ColumnOf(string reference)
    {
        var column = 0;
        foreach (var ch in reference.TakeWhile(char.IsLetter)) column = column * 26 + (char.ToUpperInvariant(ch) - 'A' + 1);
        return column;
    }

    private static FormName? Parse(string name, string? text)
    {
        if (text is null || Reference().Match(text.Trim()) is not { Success: true } m) return null;
        var sheet = m.Groups["quoted"].Success ? m.Groups["quoted"].Value.Replace("''", "'") : m.Groups["plain"].Value;
        var (row, col) = (int.Parse(m.Groups["r1"].Value, CultureInfo.InvariantCulture), ColumnOf(m.Groups["c1"].Value));
        if (!InSheet(row, col)) return null;
        if (!m.Groups["c2"].Success) return new FormName(name, sheet, row, col, 1, 1);
        var (row2, col2) = (int.Parse(m.Groups["r2"].Value, CultureInfo.InvariantCulture), ColumnOf(m.Groups["c2"].Value));
        return row2 < row || col2 < col || !InSheet(row2, col2) ? null : new FormName(name, sheet, row, col, row2 - row + 1, col2 - col + 1);
    }

    private static bool InSheet(int row, int column) => row is >= 1 and <= MaxSheetRows && column is >= 1 and <= MaxSheetColumns;

    [GeneratedRegex(@"^(?:'(?<quoted>(?:[^']|'')+)'|(?<plain>[^'!:]+))!\$?(?<c1>[A-Za-z]{1,3})\$?(?<r1>\d{1,7})(?::\$?(?<c2>[A-Za-z]{1,3})\$?(?<r2>\d{1,7}))?$")]
    private static partial Regex Reference();
}

namespace BackOffice.Features.Reports.Forms;

/// <summary>
/// What fills a form's named cell, as stored: "parameter:zeitraum" (and the other parameters), "summe:Feld" (the
/// column's total), "wert:Feld:Schlüssel" (the column's total over the rows whose first column reads Schlüssel, such
/// as one service), or "tabelle" (the report's rows, into a range).
/// </summary>
public sealed record FormSource(string Kind, string? Field = null, string? Key = null)
{
    public static readonly (string Id, string Label)[] ParameterLabels =
    [
        ("bericht", "Name des Berichts"), ("zeitraum", "Zeitraum (Text)"), ("von", "Beginn des Zeitraums (Datum)"), ("bis", "Ende des Zeitraums (Datum)"),
        ("einheiten", "Organisationseinheiten"), ("leistung", "Leistung"), ("kanal", "Eingangskanal"), ("erstellt", "erstellt am (Datum)"), ("erstellt-von", "erstellt von"),
    ];

    public override string ToString() => Kind switch
    {
        "tabelle" => "tabelle",
        "wert" => $"wert:{Field}:{Key}",
        _ => $"{Kind}:{Field}",
    };

    public static FormSource? Parse(string? text)
    {
        var parts = (text ?? "").Split(':', 3);
        return parts switch
        {
            ["tabelle"] => new FormSource("tabelle"),
            ["parameter", var p] when ParameterLabels.Any(l => l.Id == p) => new FormSource("parameter", p),
            ["summe", var f] when f != "" => new FormSource("summe", f),
            ["wert", var f, var k] when f != "" && k.Trim() != "" => new FormSource("wert", f, k.Trim()),
            _ => null,
        };
    }

    /// <summary>Why this source cannot fill this name of this report, in German; null when it can.</summary>
    public string? Problem(ReportDefinition report, FormName name)
    {
        if (Kind == "tabelle") return name.IsRange ? null : $"„{name.Name}“ ist eine einzelne Zelle; eine Tabelle braucht einen Bereich.";
        if (Kind is "summe" or "wert" && report.ColumnIndex(Field) is var i && (i < 0 || report.Columns[i].Total is null))
            return $"Der Bericht „{report.Title}“ hat keine Spalte „{Field}“ mit einer Summe.";
        return null;
    }

    /// <summary>German, for the mapping's list.</summary>
    public string Describe(ReportDefinition report) => Kind switch
    {
        "tabelle" => $"alle Zeilen ({string.Join(", ", report.Columns.Select(c => c.Name))})",
        "parameter" => ParameterLabels.First(l => l.Id == Field).Label,
        "summe" => $"Summe „{ColumnName(report)}“",
        _ => $"„{ColumnName(report)}“ der Zeilen „{Key}“",
    };

    private string ColumnName(ReportDefinition report) => report.ColumnIndex(Field) is >= 0 and var i ? report.Columns[i].Name : Field!;

    /// <summary>The sources a form of this report can choose from, except "wert" (which needs a key typed in).</summary>
    public static IEnumerable<FormSource> Choices(ReportDefinition report) =>
        ParameterLabels.Select(p => new FormSource("parameter", p.Id))
            .Concat(report.Columns.Where(c => c.Total is not null).Select(c => new FormSource("summe", c.Field)))
            .Append(new FormSource("tabelle"));
}

/// <summary>
/// A report's figures for a form, gathered while its rows stream past: the totals, the totals of the keys the form
/// asks for, and the rows if a range wants them (at most as many as the largest range holds, plus one to tell).
/// </summary>
public sealed class FormFigures(ReportDefinition report, IReadOnlyCollection<FormSource> sources, int maxRows)
{
    private readonly ReportTotals _totals = new(report);
    private readonly Dictionary<string, ReportTotals> _byKey = sources.Where(s => s.Kind == "wert")
        .Select(s => s.Key!).Distinct(StringComparer.OrdinalIgnoreCase).ToDictionary(k => k, _ => new ReportTotals(report), StringComparer.OrdinalIgnoreCase);
    private readonly bool _wantsRows = sources.Any(s => s.Kind == "tabelle");
    private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);
    public List<object?[]> Rows { get; } = [];

    /// <summary>Whether any row had this key: a key without rows is either none in the period, or mistyped.</summary>
    public bool Seen(string key) => _seen.Contains(key);

    /// <summary>False once the rows outgrow the largest range: then the form cannot take them.</summary>
    public bool Add(object?[] row)
    {
        _totals.Add(row);
        if (_byKey.Count > 0 && ReportExport.Text(row[0], report.Columns[0].Format).Trim() is var text && _byKey.TryGetValue(text, out var key))
        {
            key.Add(row);
            _seen.Add(text);
        }
        if (!_wantsRows) return true;
        if (Rows.Count >= maxRows) return false;
        Rows.Add(row);
        return true;
    }

    public object? Value(FormSource source, ExportInfo info, ReportRequest request) => source.Kind switch
    {
        "summe" => Total(_totals, source.Field!),
        "wert" => Total(_byKey[source.Key!], source.Field!),
        "parameter" => source.Field switch
        {
            "bericht" => info.Report,
            "zeitraum" => info.Period,
            "von" => request.From.ToDateTime(TimeOnly.MinValue),
            "bis" => request.To.ToDateTime(TimeOnly.MinValue),
            "einheiten" => info.Units,
            "leistung" => info.Service,
            "kanal" => info.Channel,
            "erstellt" => info.At.Date,
            _ => info.By,
        },
        _ => null,
    };

    // A key without rows counts 0, its shares stay empty: the form then says "none in this period".
    private object? Total(ReportTotals totals, string field)
    {
        var i = report.ColumnIndex(field);
        return totals.Row()[i] ?? (report.Columns[i].Total == "sum" ? 0L : null);
    }
}

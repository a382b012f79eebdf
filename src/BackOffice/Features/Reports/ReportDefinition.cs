using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace BackOffice.Features.Reports;

/// <summary>How a column's values are written: in the preview, in .xlsx (number format) and in CSV.</summary>
public enum ColumnFormat { Text, Integer, Decimal, Percent, Date }

/// <summary>
/// A report of durations: the query gives a histogram (its key fields, whole hours in <see cref="Value"/>, how many in
/// <see cref="Weight"/>), and the report shows per key the fields Anzahl, Median and P90 (in days).
/// </summary>
public sealed record ReportPercentiles(string Value, string Weight);

/// <summary>One column of a report: its German heading, the query's field it shows, its format and its total.</summary>
/// <param name="Total">"sum", "ratio:numerator/denominator" (two fields, summed, then divided: a share), or null.</param>
public sealed record ReportColumn(string Name, string Field, ColumnFormat Format = ColumnFormat.Text, string? Total = null, double? Width = null);

/// <summary>
/// A report as a file in reports/ describes it (issue 13): title, description, the filters it takes, the query and its
/// columns. The query is SQL that both engines run; <see cref="ReportSql"/> fills in the user's units, the period's
/// months or days and the parameters. See reports/README.md.
/// </summary>
public sealed partial record ReportDefinition(string Id, string File, string Title, string Description, IReadOnlyList<string> Parameters,
    string Query, IReadOnlyList<ReportColumn> Columns, ReportPercentiles? Percentiles = null)
{
    public static readonly string[] KnownParameters = ["zeitraum", "einheit", "leistung", "kanal"];

    private sealed record Json(string? Title, string? Description, string[]? Parameters, string? Query, ReportColumn[]? Columns, ReportPercentiles? Percentiles);

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Reads and checks a definition file; the problems name the file and say what is wrong, in German.</summary>
    public static (ReportDefinition? Definition, IReadOnlyList<string> Problems) Read(string path)
    {
        var file = Path.GetFileName(path);
        Json? json;
        try { json = JsonSerializer.Deserialize<Json>(System.IO.File.ReadAllText(path), Options); }
        catch (JsonException e) { return (null, [$"{file}: kein gültiges JSON ({e.Message})"]); }
        if (json is null) return (null, [$"{file}: leer"]);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(json.Title)) problems.Add($"{file}: „title“ fehlt");
        if (string.IsNullOrWhiteSpace(json.Query)) problems.Add($"{file}: „query“ fehlt");
        if (json.Columns is not { Length: > 0 }) problems.Add($"{file}: „columns“ fehlt oder ist leer");
        foreach (var p in json.Parameters ?? [])
            if (!KnownParameters.Contains(p)) problems.Add($"{file}: unbekannter Parameter „{p}“ (möglich: {string.Join(", ", KnownParameters)})");
        if (json.Query is { } q)
        {
            // Scoping is not optional: the query must name the user's units.
            if (!q.Contains("{units}")) problems.Add($"{file}: die Abfrage muss „{{units}}“ enthalten (die Organisationseinheiten des Benutzers)");
            foreach (Match m in Placeholder().Matches(q))
                if (!ReportSql.IsKnownPlaceholder(m.Value)) problems.Add($"{file}: unbekannter Platzhalter „{m.Value}“");
        }
        var fields = (json.Columns ?? []).Select(c => c.Field).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var c in json.Columns ?? [])
        {
            if (string.IsNullOrWhiteSpace(c.Name) || string.IsNullOrWhiteSpace(c.Field)) problems.Add($"{file}: eine Spalte ohne „name“ oder „field“");
            if (c.Total is null or "sum") continue;
            if (c.Total.StartsWith("ratio:") && c.Total[6..].Split('/') is [var a, var b] && fields.Contains(a) && fields.Contains(b)) continue;
            problems.Add($"{file}: Spalte „{c.Name}“: unbekannte Summe „{c.Total}“ (möglich: sum, ratio:Feld/Feld)");
        }
        if (problems.Count > 0) return (null, problems);
        return (new ReportDefinition(Path.GetFileNameWithoutExtension(path), file, json.Title!.Trim(), json.Description?.Trim() ?? "",
            json.Parameters ?? [], json.Query!, json.Columns!, json.Percentiles), []);
    }

    [GeneratedRegex(@"\{[^{}\s]*\}")]
    private static partial Regex Placeholder();
}

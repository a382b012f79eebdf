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
    /// <summary>Further sheets of the .xlsx ("parts"): each its own title, query and columns, with the same filters.</summary>
    public IReadOnlyList<ReportDefinition> Parts { get; init; } = [];

    public static readonly string[] KnownParameters = ["zeitraum", "einheit", "leistung", "kanal"];

    /// <summary>The position of the column showing this query field (fields compare without case); -1 when none does.</summary>
    public int ColumnIndex(string? field)
    {
        for (var i = 0; i < Columns.Count; i++)
            if (string.Equals(Columns[i].Field, field, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    private sealed record Json(string? Title, string? Description, string[]? Parameters, string? Query, ReportColumn[]? Columns, ReportPercentiles? Percentiles, Json[]? Parts);

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
        foreach (var p in json.Parameters ?? [])
            if (!KnownParameters.Contains(p)) problems.Add($"{file}: unbekannter Parameter „{p}“ (möglich: {string.Join(", ", KnownParameters)})");
        var id = Path.GetFileNameWithoutExtension(path);
        var main = Build(json, id, file, json.Parameters ?? [], "", problems);
        var parts = (json.Parts ?? []).Select((part, i) => Build(part, $"{id}#{i + 1}", file, json.Parameters ?? [], $"Teil {i + 1}: ", problems)).ToList();
        if (problems.Count > 0) return (null, problems);
        return (main! with { Parts = parts! }, []);
    }

    private static ReportDefinition? Build(Json json, string id, string file, IReadOnlyList<string> parameters, string where, List<string> problems)
    {
        var before = problems.Count;
        if (string.IsNullOrWhiteSpace(json.Title)) problems.Add($"{file}: {where}„title“ fehlt");
        if (string.IsNullOrWhiteSpace(json.Query)) problems.Add($"{file}: {where}„query“ fehlt");
        if (json.Columns is not { Length: > 0 }) problems.Add($"{file}: {where}„columns“ fehlt oder ist leer");
        if (json.Query is { } q)
        {
            // Scoping is not optional: the query must name the user's units.
            if (!q.Contains("{units}")) problems.Add($"{file}: {where}die Abfrage muss „{{units}}“ enthalten (die Organisationseinheiten des Benutzers)");
            foreach (Match m in Placeholder().Matches(q))
                if (!ReportSql.IsKnownPlaceholder(m.Value)) problems.Add($"{file}: {where}unbekannter Platzhalter „{m.Value}“");
        }
        var fields = (json.Columns ?? []).Select(c => c.Field).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var c in json.Columns ?? [])
        {
            if (string.IsNullOrWhiteSpace(c.Name) || string.IsNullOrWhiteSpace(c.Field)) problems.Add($"{file}: {where}eine Spalte ohne „name“ oder „field“");
            if (c.Total is null or "sum") continue;
            if (c.Total.StartsWith("ratio:") && c.Total[6..].Split('/') is [var a, var b] && fields.Contains(a) && fields.Contains(b)) continue;
            problems.Add($"{file}: {where}Spalte „{c.Name}“: unbekannte Summe „{c.Total}“ (möglich: sum, ratio:Feld/Feld)");
        }
        return problems.Count > before ? null
            : new ReportDefinition(id, file, json.Title!.Trim(), json.Description?.Trim() ?? "", parameters, json.Query!, json.Columns!, json.Percentiles);
    }

    [GeneratedRegex(@"\{[^{}\s]*\}")]
    private static partial Regex Placeholder();
}

using System.Text.Json;

namespace BackOffice.Features.Intake;

/// <summary>Portal form data as a readable form: labels from the field names, values in words.</summary>
public static class FormFields
{
    /// <summary>"anzahlKinder": 2 reads "Anzahl kinder: 2"; true reads "ja".</summary>
    public static IReadOnlyList<(string Label, string Value)> Readable(JsonElement? data) =>
        data is { ValueKind: JsonValueKind.Object } d ? d.EnumerateObject().Select(p => (Label(p.Name), Text(p.Value))).ToList() : [];

    private static string Label(string key) =>
        string.Concat(key.Select((ch, i) => i == 0 ? char.ToUpper(ch).ToString() : char.IsUpper(ch) ? " " + char.ToLower(ch) : ch.ToString()));

    private static string Text(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.True => "ja",
        JsonValueKind.False => "nein",
        JsonValueKind.Null => "–",
        JsonValueKind.String => v.GetString() ?? "",
        JsonValueKind.Array => string.Join(", ", v.EnumerateArray().Select(Text)),
        JsonValueKind.Object => string.Join("; ", v.EnumerateObject().Select(p => $"{Label(p.Name)}: {Text(p.Value)}")),
        _ => v.ToString(),
    };
}

using System.Globalization;
using System.Text.Json;

namespace BackOffice.Shared;

/// <summary>
/// Portal form data as a clerk reads a form: German labels as the form means them ("Vorname des Kindes"),
/// dates as 14.02.2015, numbers with German digits, yes/no in words.
/// </summary>
public static class FormFields
{
    /// <summary>The labels of the portal's known fields. Unknown fields get a label made from their name (see <see cref="Label"/>).</summary>
    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["kindName"] = "Name des Kindes", ["kindVorname"] = "Vorname des Kindes", ["geburtsdatumKind"] = "Geburtsdatum des Kindes",
        ["pflegegrad"] = "Pflegegrad", ["schulbegleitung"] = "Schulbegleitung", ["schulbegleitungBeantragt"] = "Schulbegleitung beantragt",
        ["behandelnderArzt"] = "Behandelnde Ärztin / behandelnder Arzt", ["betreuungsbeginn"] = "Beginn der Betreuung",
        ["wochenstunden"] = "Betreuungsstunden pro Woche", ["tagespflegeperson"] = "Tagespflegeperson", ["versorgung"] = "Art der Versorgung",
        ["einkommenMonatlich"] = "Monatliches Einkommen (€)", ["vermoegenUnterFreibetrag"] = "Vermögen unter dem Freibetrag",
        ["anzahlKinder"] = "Anzahl der Kinder", ["alleinerziehend"] = "Alleinerziehend", ["unterhaltspflichtiger"] = "Unterhaltspflichtige Person",
        ["kennzeichenWunsch"] = "Wunschkennzeichen", ["fahrzeugIdentNummer"] = "Fahrzeug-Identifizierungsnummer", ["evbNummer"] = "eVB-Nummer",
        ["aktenzeichenBussgeld"] = "Aktenzeichen des Bußgeldverfahrens", ["stellungnahme"] = "Stellungnahme", ["geburtsdatum"] = "Geburtsdatum",
    };

    /// <summary>Words that name whose a field is: "geburtsdatumKind" is the child's date of birth.</summary>
    private static readonly Dictionary<string, string> Owners = new(StringComparer.OrdinalIgnoreCase)
    {
        ["kind"] = "des Kindes", ["mutter"] = "der Mutter", ["vater"] = "des Vaters", ["antragsteller"] = "der antragstellenden Person",
    };

    public static IReadOnlyList<(string Label, string Value)> Readable(JsonElement? data) =>
        data is { ValueKind: JsonValueKind.Object } d ? d.EnumerateObject().Select(p => (Label(p.Name), Text(p.Value))).ToList() : [];

    /// <summary>A known field's label, else one made from the name: "anzahlZimmer" reads "Anzahl Zimmer", "nameKind" "Name des Kindes".</summary>
    public static string Label(string key)
    {
        if (Known.TryGetValue(key, out var known)) return known;
        var words = new List<string>();
        var current = "";
        foreach (var ch in key)
        {
            if ((char.IsUpper(ch) || ch is '_' or '-') && current.Length > 0) { words.Add(current); current = ""; }
            if (ch is not ('_' or '-')) current += ch;
        }
        if (current.Length > 0) words.Add(current);
        if (words.Count == 0) return key;
        // German nouns are capitalised; field names are mostly nouns.
        var owner = words.Count > 1 ? words.FirstOrDefault(w => Owners.ContainsKey(w)) : null;
        var rest = words.Where(w => w != owner).Select(w => char.ToUpper(w[0], Labels.German) + w[1..].ToLower(Labels.German));
        return owner is null ? string.Join(' ', rest) : $"{string.Join(' ', rest)} {Owners[owner]}";
    }

    private static string Text(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.True => "ja",
        JsonValueKind.False => "nein",
        JsonValueKind.Null => "–",
        JsonValueKind.String => Date(v.GetString() ?? ""),
        JsonValueKind.Number => v.TryGetInt64(out var n) ? n.ToString("N0", Labels.German) : v.GetDouble().ToString("N2", Labels.German),
        JsonValueKind.Array => string.Join(", ", v.EnumerateArray().Select(Text)),
        JsonValueKind.Object => string.Join("; ", v.EnumerateObject().Select(p => $"{Label(p.Name)}: {Text(p.Value)}")),
        _ => v.ToString(),
    };

    /// <summary>ISO dates ("2015-02-14") as German ones ("14.02.2015"); other text as it is.</summary>
    private static string Date(string text) =>
        text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("dd.MM.yyyy", Labels.German) : text;
}

using System.Globalization;

namespace BackOffice.Infrastructure;

/// <summary>CSV for German Excel: semicolons, and fields made safe to open.</summary>
public static class CsvText
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>Quoted where needed; text that a spreadsheet would take for a formula gets a leading apostrophe.</summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !double.TryParse(value, NumberStyles.Any, German, out _))
            value = "'" + value;
        return value.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}

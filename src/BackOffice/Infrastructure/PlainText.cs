using System.Text;

namespace BackOffice.Infrastructure;

/// <summary>
/// Text that users and portals send, made safe to store and show: control characters (NUL, CR, tab, ...)
/// and the invisible direction marks that can make "rechnung‮fdp.exe" read as "rechnungexe.pdf" are removed.
/// </summary>
public static class PlainText
{
    /// <summary>The text without control and bidirectional formatting characters, trimmed; null stays null.</summary>
    public static string? Clean(string? text)
    {
        if (text is null) return null;
        if (!text.Any(IsUnsafe)) return text.Trim();
        var b = new StringBuilder(text.Length);
        foreach (var c in text) if (!IsUnsafe(c)) b.Append(c);
        return b.ToString().Trim();
    }

    /// <summary>Like <see cref="Clean"/>, but a text of several lines (a note, a letter) keeps its line breaks, as \n.</summary>
    public static string? Paragraphs(string? text) =>
        text is null ? null : string.Join('\n', text.Replace("\r\n", "\n").Split('\n').Select(line => Clean(line))).Trim();

    /// <summary>A file name to store and show: clean, without directories, never empty.</summary>
    public static string FileName(string? name, string fallback = "Dokument")
    {
        var clean = Clean(name) ?? "";
        clean = clean.Replace('\\', '/');
        clean = clean[(clean.LastIndexOf('/') + 1)..].Trim();
        return clean.Length == 0 ? fallback : clean.Length > 200 ? clean[..200] : clean;
    }

    /// <summary>
    /// A title made from other texts (a service's name and an applicant's, say) cut to its column with "…": the texts
    /// it is made of are kept whole where they are stored themselves. Never for what a person typed as such.
    /// </summary>
    public static string Fit(string text, int max) => text.Length <= max ? text : text[..(char.IsHighSurrogate(text[max - 2]) ? max - 2 : max - 1)] + "…";

    /// <summary>
    /// Why a file name is refused, in German, or null: a name with control or direction characters would show another
    /// name than the file has ("rechnung‮fdp.exe" reads as "rechnungexe.pdf"), so it is refused rather than changed.
    /// </summary>
    public static string? FileNameProblem(string? name)
    {
        if (name is null) return null;
        if (name.Any(c => IsUnsafe(c) || IsInvisible(c)))
        {
            return $"Der Dateiname „{Visible(name)}“ enthält unsichtbare Steuer- oder Richtungszeichen, die einen anderen Namen vortäuschen können. Bitte die Datei umbenennen und erneut wählen.";
        }
        // Names no file system takes as they are: "." and "..", blanks at either end, Windows' device names.
        var stem = name.Split('.')[0].Trim().ToUpperInvariant();
        if (name.Trim() is "." or ".." || name != name.Trim() || ReservedNames.Contains(stem))
            return $"Der Dateiname „{name}“ ist als Dateiname nicht möglich (Punkte allein, Leerzeichen am Anfang oder Ende, oder ein Gerätename wie CON oder NUL). Bitte die Datei umbenennen.";
        return null;
    }

    /// <summary>A name as a person can read it in a message: its first 120 characters, hidden ones shown as their code ("&lt;U+202E&gt;").</summary>
    public static string Visible(string name) =>
        string.Concat(name.Take(120).Select(c => IsUnsafe(c) || IsInvisible(c) ? $"<U+{(int)c:X4}>" : c.ToString()));

    private static readonly HashSet<string> ReservedNames =
        ["CON", "PRN", "AUX", "NUL", .. Enumerable.Range(1, 9).SelectMany(i => new[] { $"COM{i}", $"LPT{i}" })];

    /// <summary>Characters that take no room (byte-order mark, zero-width space and joiners, soft hyphen): a name with them looks like another.</summary>
    private static bool IsInvisible(char c) => c is '\uFEFF' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\u00AD';

    public static bool IsUnsafe(char c) =>
        char.IsControl(c)
        || c is '\u200E' or '\u200F' or '\u061C' // direction marks
        || c is >= '\u202A' and <= '\u202E'     // embeddings and overrides
        || c is >= '\u2066' and <= '\u2069'; // isolates
}

namespace BackOffice.Data;

/// <summary>
/// German words and names are written with umlauts or without ("Müller" and "Mueller", "Straße" and "Strasse"); a
/// search for one finds the other. The spellings a word may have, for every search.
/// </summary>
public static class GermanSpelling
{
    private static readonly (string Umlaut, string Written)[] Pairs =
        [("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"), ("ß", "ss")];

    /// <summary>
    /// The word as typed and in lower case, each with ä/ö/ü/ß written out (ae/oe/ue/ss) and written back; composed
    /// first, so that "u" with a combining diaeresis is "ü". Each spelling once, the lower-case ones first.
    /// </summary>
    public static IReadOnlyList<string> Variants(string word)
    {
        var typed = word.Normalize(System.Text.NormalizationForm.FormC).Replace("ẞ", "ß");
        return Spellings(typed.ToLowerInvariant()).Concat(Spellings(typed)).Distinct(StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<string> Spellings(string word)
    {
        var written = Pairs.Aggregate(word, (w, p) => w.Replace(p.Umlaut, p.Written, StringComparison.Ordinal));
        var umlauts = Pairs.Aggregate(written, (w, p) => w.Replace(p.Written, p.Umlaut, StringComparison.Ordinal));
        return [word, written, umlauts];
    }

    /// <summary>
    /// The lower-case spellings as three (repeated where a word has fewer), for comparisons that name each one: LIKE
    /// and prefix matches ignore the case of A–Z only, and stored names have their umlauts in lower case but the first.
    /// </summary>
    public static (string, string, string) Three(string word)
    {
        var v = Spellings(word.Normalize(System.Text.NormalizationForm.FormC).Replace("ẞ", "ß").ToLowerInvariant()).ToList();
        return (v[0], v[1], v[2]);
    }
}

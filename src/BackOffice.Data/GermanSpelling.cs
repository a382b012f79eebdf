namespace BackOffice.Data;

/// <summary>
/// German words and names are written with umlauts or without ("Müller" and "Mueller", "Straße" and "Strasse"); a
/// search for one finds the other. The spellings a word may have, for every search.
/// </summary>
public static class GermanSpelling
{
    private static readonly (string Umlaut, string Written)[] Pairs =
        [("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"), ("ß", "ss")];

    /// <summary>The word as typed, with ä/ö/ü/ß written out (ae/oe/ue/ss), and with those written back; case kept, each once.</summary>
    public static IReadOnlyList<string> Variants(string word)
    {
        var written = Pairs.Aggregate(word, (w, p) => w.Replace(p.Umlaut, p.Written, StringComparison.Ordinal));
        var umlauts = Pairs.Aggregate(written, (w, p) => w.Replace(p.Written, p.Umlaut, StringComparison.Ordinal));
        return new[] { word, written, umlauts }.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The spellings as three (repeated where a word has fewer), for queries that name each one.</summary>
    public static (string, string, string) Three(string word)
    {
        var v = Variants(word);
        return (v[0], v[Math.Min(1, v.Count - 1)], v[^1]);
    }
}

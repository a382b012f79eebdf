using System.Globalization;

namespace BackOffice.Features.Files;

/// <summary>A short passage of a text around the first searched word, with every searched word marked (for &lt;mark&gt;).</summary>
public static class Snippets
{
    public sealed record Part(string Text, bool Hit);

    private const CompareOptions Loose = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;
    private static readonly CompareInfo German = Labels.German.CompareInfo;

    public static IReadOnlyList<Part> Of(string? text, IReadOnlyList<string> words, int around = 90)
    {
        if (string.IsNullOrEmpty(text) || words.Count == 0) return [];
        var flat = string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        var first = words.Select(w => German.IndexOf(flat, w, Loose)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
        if (first < 0) return [new Part(flat.Length > 2 * around ? flat[..(2 * around)] + " …" : flat, false)];
        var start = Math.Max(0, first - around);
        var end = Math.Min(flat.Length, first + around);
        // Whole words at the edges.
        if (start > 0) start = flat.IndexOf(' ', start) is var s && s >= 0 && s < first ? s + 1 : start;
        if (end < flat.Length) end = flat.LastIndexOf(' ', end) is var e && e > first ? e : end;
        var window = flat[start..end];
        var parts = new List<Part>();
        if (start > 0) parts.Add(new Part("… ", false));
        var at = 0;
        while (at < window.Length)
        {
            var next = words.Select(w => (Index: German.IndexOf(window, w, at, Loose), w.Length)).Where(x => x.Index >= 0).OrderBy(x => x.Index).FirstOrDefault((Index: -1, Length: 0));
            if (next.Index < 0) { parts.Add(new Part(window[at..], false)); break; }
            if (next.Index > at) parts.Add(new Part(window[at..next.Index], false));
            parts.Add(new Part(window.Substring(next.Index, Math.Min(next.Length, window.Length - next.Index)), true));
            at = next.Index + next.Length;
        }
        if (end < flat.Length) parts.Add(new Part(" …", false));
        return parts;
    }
}

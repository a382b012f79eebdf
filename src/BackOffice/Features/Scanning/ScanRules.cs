using System.Globalization;
using System.Text.RegularExpressions;
using BackOffice.Data;

namespace BackOffice.Features.Scanning;

/// <summary>
/// The administration's keyword rules, matched against a scanned document's recognised text: any word, all words,
/// an exact phrase, or a regular expression. Upper and lower case do not count; umlauts and accents do. A rule of one
/// unit matching is a good proposal; rules of several units matching make the one with most matches a weaker one.
/// </summary>
public static class ScanRules
{
    /// <summary>The rule that decided, how sure (percent) and why, in German.</summary>
    public sealed record Match(ScanRule Rule, int Confidence, string Reason);

    private static readonly TimeSpan PatternTime = TimeSpan.FromMilliseconds(200);

    public static Match? Best(IReadOnlyList<ScanRule> rules, string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || rules.Count == 0) return null;
        var words = Words(text).ToHashSet(StringComparer.Ordinal);
        var flat = " " + string.Join(' ', Words(text)) + " ";
        var matched = rules.Where(r => r.Active && Matches(r, text, words, flat)).ToList();
        if (matched.Count == 0) return null;
        // The unit with most matching rules (the oldest rule breaks ties); within it a rule that names a service.
        var unit = matched.GroupBy(r => r.UnitId).OrderByDescending(g => g.Count()).ThenBy(g => g.Min(r => r.Id)).First();
        var best = unit.OrderByDescending(r => r.ServiceId is not null).ThenBy(r => r.Id).First();
        var units = matched.Select(r => r.UnitId).Distinct().Count();
        var confidence = units == 1 ? 90 : 60;
        var reason = $"Regel „{Describe(best)}“" + (units == 1 ? "" : $" (auch Regeln anderer Einheiten passen: {units} Einheiten)");
        return new Match(best, confidence, reason);
    }

    /// <summary>The rule in words, as the administration page and the proposal show it.</summary>
    public static string Describe(ScanRule rule) => rule.Match switch
    {
        ScanRuleMatch.AnyWord => $"eines der Wörter {rule.Text}",
        ScanRuleMatch.AllWords => $"alle Wörter {rule.Text}",
        ScanRuleMatch.Phrase => $"genau „{rule.Text}“",
        _ => $"Muster {rule.Text}",
    };

    public static string MatchName(ScanRuleMatch match) => match switch
    {
        ScanRuleMatch.AnyWord => "eines der Wörter",
        ScanRuleMatch.AllWords => "alle Wörter",
        ScanRuleMatch.Phrase => "genau dieser Wortlaut",
        _ => "regulärer Ausdruck",
    };

    /// <summary>Why a rule cannot be saved, in German; null when it can.</summary>
    public static string? Problem(ScanRuleMatch match, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "Bitte die Wörter oder das Muster der Regel eingeben.";
        if (text.Length > 500) return "Eine Regel hat höchstens 500 Zeichen.";
        if (match == ScanRuleMatch.Pattern)
        {
            try { _ = new Regex(text, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, PatternTime); }
            catch (RegexParseException e)
            {
                return $"Das Muster ist kein gültiger regulärer Ausdruck: An Stelle {e.Offset} stimmt etwas nicht (etwa eine Klammer ohne Gegenstück).";
            }
        }
        else if (!Words(text).Any()) return "Die Regel braucht mindestens ein Wort aus Buchstaben oder Ziffern.";
        return null;
    }

    private static bool Matches(ScanRule rule, string text, HashSet<string> words, string flat)
    {
        switch (rule.Match)
        {
            case ScanRuleMatch.AnyWord: return Words(rule.Text).Any(words.Contains);
            case ScanRuleMatch.AllWords: return Words(rule.Text).All(words.Contains);
            case ScanRuleMatch.Phrase: return flat.Contains(" " + string.Join(' ', Words(rule.Text)) + " ", StringComparison.Ordinal);
            default:
                try { return Regex.IsMatch(text, rule.Text, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, PatternTime); }
                catch (Exception e) when (e is ArgumentException or RegexMatchTimeoutException) { return false; } // refused at saving; a slow one does not stop the reader
        }
    }

    /// <summary>The words of a text in lower case: letters and digits, hyphens within a word kept ("Kfz-Zulassung").</summary>
    public static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '-' && start >= 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]));
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                yield return text[start..i].ToLower(CultureInfo.GetCultureInfo("de-DE"));
                start = -1;
            }
        }
    }
}

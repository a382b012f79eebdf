using BackOffice.Data;
using BackOffice.Features.Scanning;

namespace BackOffice.Tests.Scanning;

/// <summary>The administration's keyword rules against recognised text, without a database.</summary>
public class ScanRuleTests
{
    private const string Letter = "Betreff: Antrag auf Wohngeld\nSehr geehrte Damen und Herren, ich beantrage Wohngeld für meine Familie "
        + "und lege die Kfz-Zulassung bei. Meine Straße ist die Lindenstraße.";

    private static ScanRule Rule(int id, int unit, ScanRuleMatch match, string text, int? service = null, bool active = true) =>
        new() { Id = id, UnitId = unit, ServiceId = service, Match = match, Text = text, Active = active };

    [Theory]
    [InlineData(ScanRuleMatch.AnyWord, "Elterngeld wohngeld", true)]
    [InlineData(ScanRuleMatch.AnyWord, "Elterngeld Kindergeld", false)]
    [InlineData(ScanRuleMatch.AllWords, "familie WOHNGELD", true)]
    [InlineData(ScanRuleMatch.AllWords, "familie Elterngeld", false)]
    [InlineData(ScanRuleMatch.AnyWord, "kfz-zulassung", true)]
    [InlineData(ScanRuleMatch.AnyWord, "lindenstrasse", false)] // umlauts and ß count: no silent transliteration
    [InlineData(ScanRuleMatch.AnyWord, "Lindenstraße", true)]
    [InlineData(ScanRuleMatch.Phrase, "Antrag auf Wohngeld", true)]
    [InlineData(ScanRuleMatch.Phrase, "Antrag Wohngeld", false)]
    [InlineData(ScanRuleMatch.Phrase, "auf wohn", false)] // whole words only
    [InlineData(ScanRuleMatch.Pattern, @"wohn\w+ für", true)]
    [InlineData(ScanRuleMatch.Pattern, @"^Elterngeld", false)]
    public void A_rule_matches_as_its_kind_says(ScanRuleMatch match, string text, bool matches)
    {
        var best = ScanRules.Best([Rule(1, 7, match, text)], Letter);
        Assert.Equal(matches, best is not null);
        if (matches) Assert.Equal(90, best!.Confidence);
    }

    [Fact]
    public void Rules_of_several_units_make_a_weaker_proposal_for_the_unit_with_most_matches_and_switched_off_rules_do_not_count()
    {
        var best = ScanRules.Best([Rule(1, 7, ScanRuleMatch.AnyWord, "Familie"), Rule(2, 8, ScanRuleMatch.AnyWord, "Wohngeld"), Rule(3, 8, ScanRuleMatch.Phrase, "Antrag auf Wohngeld", 33)], Letter);
        Assert.Equal(8, best!.Rule.UnitId);
        Assert.Equal(60, best.Confidence);
        Assert.Contains("2 Einheiten", best.Reason);
        Assert.Null(ScanRules.Best([Rule(1, 7, ScanRuleMatch.AnyWord, "Wohngeld", active: false)], Letter));
        Assert.Null(ScanRules.Best([Rule(1, 7, ScanRuleMatch.AnyWord, "Wohngeld")], ""));
    }

    [Fact]
    public void A_rule_that_cannot_work_is_refused_in_German()
    {
        Assert.Contains("kein gültiger regulärer Ausdruck", ScanRules.Problem(ScanRuleMatch.Pattern, "(wohn"));
        Assert.DoesNotContain("pattern", ScanRules.Problem(ScanRuleMatch.Pattern, "([a-z"), StringComparison.OrdinalIgnoreCase); // German only
        Assert.Contains("Bitte", ScanRules.Problem(ScanRuleMatch.AnyWord, " "));
        Assert.Contains("mindestens ein Wort", ScanRules.Problem(ScanRuleMatch.Phrase, "– / –"));
        Assert.Contains("500 Zeichen", ScanRules.Problem(ScanRuleMatch.AnyWord, new string('a', 501)));
        Assert.Null(ScanRules.Problem(ScanRuleMatch.Pattern, @"\bWohngeld\b"));
    }

    [Fact]
    public void A_pattern_that_runs_away_does_not_stop_the_reader()
    {
        var slow = Rule(1, 7, ScanRuleMatch.Pattern, "(a+)+$");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Null(ScanRules.Best([slow], new string('a', 40) + "!"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), clock.Elapsed.ToString());
    }
}

using BackOffice.Data;
using BackOffice.Features.Dashboards;

namespace BackOffice.Tests.Dashboards;

/// <summary>The dashboard's plain rules: the address, the figures' names, percentiles and the forecast.</summary>
public class DashboardRulesTests
{
    [Fact]
    public void A_selection_goes_into_the_address_and_back_and_nonsense_falls_back_to_the_defaults()
    {
        var s = new DashboardSelection { Unit = "50.1", Clerk = "abc", ServiceId = 7, Channel = Channel.Portal, Weeks = 26 };
        Assert.Equal("einheit=50.1&bearbeitung=abc&leistung=7&kanal=portal&wochen=26", s.Query());
        Assert.Equal(s, DashboardSelection.Parse("50.1", "abc", "7", "portal", "26"));
        Assert.Equal(new DashboardSelection(), DashboardSelection.Parse(" ", "", "x", "99", "13"));
        Assert.Equal(new DashboardSelection(), DashboardSelection.Parse(null, null, "-3", "Fax", "0"));
        // The default selection asks for the top level explicitly: the plain address brings back the last choice.
        Assert.Equal("dashboards?einheit=", new DashboardSelection().Href());
        Assert.Equal("dashboards/vorgaenge?einheit=50.1&zahl=offen", new DashboardSelection { Unit = "50.1" }.ListHref(Figure.Open));
    }

    [Fact]
    public void Figures_go_into_the_address_and_back_and_nonsense_is_no_list()
    {
        var week = Figure.Between(FigureKind.Incoming, new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 22));
        Assert.Equal("zahl=eingang&von=2026-11-16&bis=2026-11-22", week.Query());
        Assert.Equal(week, Figure.Parse("eingang", "2026-11-16", "2026-11-22"));
        Assert.Equal(Figure.Age(90, null), Figure.Parse("alter", "90", null));
        Assert.Equal(Figure.Age(7, 14), Figure.Parse("alter", "7", "14"));
        Assert.Equal("Offene Vorgänge, 7–13 Tage seit Eingang", Figure.Age(7, 14).Describe());
        Assert.Null(Figure.Parse("alter", "14", "7"));
        Assert.Null(Figure.Parse("eingang", "2026-11-22", "2026-11-16"));
        Assert.Null(Figure.Parse("eingang", "gestern", "heute"));
        Assert.Null(Figure.Parse("erledigt", "1990-01-01", "2026-01-01")); // more than ten years is no dashboard number
        Assert.Null(Figure.Parse("alles", null, null));
        Assert.Null(Figure.Parse(null, null, null));
    }

    [Fact]
    public void Percentiles_are_nearest_rank_also_from_a_histogram()
    {
        int[] hours = [5, 1, 9, 3, 7, 2, 8, 4, 6, 10];
        var plain = DashboardFigures.Percentiles(hours.Select(h => TimeSpan.FromHours(h)));
        Assert.Equal((10, TimeSpan.FromHours(5), TimeSpan.FromHours(9)), (plain.Count, plain.Median, plain.P90));
        var histogram = Durations.FromHistogram(hours.GroupBy(h => h).Select(g => (g.Key, g.Count())));
        Assert.Equal(plain, histogram);
        var skewed = Durations.FromHistogram([(1, 1), (2, 1), (100, 3)]);
        Assert.Equal((TimeSpan.FromHours(100), TimeSpan.FromHours(100)), (skewed.Median, skewed.P90));
        Assert.Equal(new Durations(0, null, null), Durations.FromHistogram([]));
    }

    [Fact]
    public void The_forecast_carries_the_trend_on_with_a_band_that_widens()
    {
        var monday = new DateOnly(2026, 11, 23);
        var today = new DateOnly(2026, 11, 26);
        // Net changes +10, +20, +10, +20: mean +15, standard deviation 5.77.
        var trend = new[] { (30, 20), (40, 20), (30, 20), (40, 20) }
            .Select((w, i) => new DashboardFigures.Week(monday.AddDays(-7 * (4 - i)), w.Item1, w.Item2)).ToList();
        var f = DashboardFigures.ForecastFrom(100, trend, today);
        Assert.Equal(15, f.MeanChange, 6);
        Assert.Equal(5.7735, f.SpreadChange, 3);
        Assert.Equal([115, 130, 145, 160], f.Ahead.Select(a => a.Expected));
        Assert.Equal(new DateOnly(2026, 12, 3), f.Ahead[0].Day); // a week from today
        Assert.Equal(115 - 7, f.Ahead[0].Low); // 1.2816 · 5.77 = 7.4
        Assert.True(f.Ahead[3].High - f.Ahead[3].Low > f.Ahead[0].High - f.Ahead[0].Low);
        // A shrinking backlog does not go below zero.
        var down = DashboardFigures.ForecastFrom(10, trend.Select(w => w with { Incoming = 0 }).ToList(), today);
        Assert.All(down.Ahead, a => Assert.True(a.Low >= 0 && a.Expected >= 0));
    }
}

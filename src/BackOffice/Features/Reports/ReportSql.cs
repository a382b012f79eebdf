using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using BackOffice.Infrastructure;

namespace BackOffice.Features.Reports;

/// <summary>
/// Turns a definition's query into SQL both engines run. Placeholders:
/// <c>{units}</c> the user's units (ids, never empty), <c>{month:col}</c> and <c>{day:col}</c> the local month
/// ("2026-11") or day ("2026-11-26") of a moment column within the period, as a CASE over the period's local
/// boundaries (exact across daylight saving time, no engine's date functions), <c>{hours:a,b}</c> the whole hours
/// from moment a to moment b (julianday on SQLite, TIMESTAMPDIFF on MariaDB). Parameters: @from and @to (the period,
/// UTC), @now, @today (the start of the local day), @service and @channel (NULL when not chosen).
/// </summary>
public static partial class ReportSql
{
    /// <summary>Longest period a report runs over, so that a CASE over its days stays small.</summary>
    public const int MaxDays = 3 * 366;

    public static bool IsKnownPlaceholder(string p) => p == "{units}" || Bucketed().IsMatch(p) || Hours().IsMatch(p);

    public static string Render(string query, IReadOnlyCollection<int> units, DateOnly from, DateOnly to, bool mariaDb) =>
        Bucketed().Replace(Hours().Replace(query.Replace("{units}", units.Count == 0 ? "-1" : string.Join(",", units)), m => mariaDb
            ? $"TIMESTAMPDIFF(HOUR, {m.Groups["from"].Value}, {m.Groups["to"].Value})"
            : $"CAST((julianday({m.Groups["to"].Value}) - julianday({m.Groups["from"].Value})) * 24 AS INTEGER)"), m =>
        {
            var days = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(i => from.AddDays(i)).ToList();
            var groups = m.Groups["kind"].Value == "month"
                ? days.GroupBy(d => new DateOnly(d.Year, d.Month, 1)).Select(g => (Start: g.First(), Label: g.Key.ToString("yyyy-MM", CultureInfo.InvariantCulture))).ToList()
                : days.Select(d => (Start: d, Label: d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).ToList();
            return Case(m.Groups["column"].Value, groups);
        });

    /// <summary>CASE WHEN col &lt; start THEN … ELSE … END as a balanced tree: about log2(n) comparisons per row.</summary>
    private static string Case(string column, IReadOnlyList<(DateOnly Start, string Label)> groups)
    {
        var sql = new StringBuilder();
        void Pick(int lo, int hi)
        {
            if (lo == hi) { sql.Append('\'').Append(groups[lo].Label).Append('\''); return; }
            var mid = (lo + hi + 1) / 2;
            sql.Append("CASE WHEN ").Append(column).Append(" < '")
                .Append(LocalDays.Start(groups[mid].Start).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append("' THEN ");
            Pick(lo, mid - 1);
            sql.Append(" ELSE ");
            Pick(mid, hi);
            sql.Append(" END");
        }
        Pick(0, groups.Count - 1);
        return sql.ToString();
    }

    /// <summary>{hours:from,to}: whole hours from one moment to a later one (columns or @now).</summary>
    [GeneratedRegex(@"\{hours:(?<from>@?[A-Za-z_][A-Za-z0-9_.]*),(?<to>@?[A-Za-z_][A-Za-z0-9_.]*)\}")]
    private static partial Regex Hours();

    [GeneratedRegex(@"\{(?<kind>month|day):(?<column>[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?)\}")]
    private static partial Regex Bucketed();
}

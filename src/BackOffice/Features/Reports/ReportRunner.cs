using System.Globalization;
using System.Runtime.CompilerServices;
using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Reports;

/// <summary>What a report is run for: a period of whole local days, and optionally a service and a channel (the units come apart).</summary>
public sealed record ReportRequest(DateOnly From, DateOnly To, int? ServiceId, Channel? Channel);

/// <summary>
/// Runs a report's query and hands its rows on one by one, as the database reads them: an export of a million rows
/// never holds them all. The units are the user's (and the chosen unit's), filled into {units}.
/// </summary>
public static class ReportRunner
{
    public static async IAsyncEnumerable<object?[]> RowsAsync(BackOfficeDb db, ReportDefinition report, ReportRequest request,
        IReadOnlyCollection<int> units, DateTime now, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = ReportSql.Render(report.Query, units, request.From, request.To, !db.Database.IsSqlite());
        command.CommandTimeout = 300;
        void Add(string name, object? value)
        {
            var p = command.CreateParameter();
            (p.ParameterName, p.Value) = ("@" + name, value ?? DBNull.Value);
            command.Parameters.Add(p);
        }
        Add("from", LocalDays.Start(request.From));
        Add("to", LocalDays.End(request.To));
        Add("now", now);
        Add("today", LocalDays.Start(LocalDays.DayOf(now)));
        Add("service", request.ServiceId);
        Add("channel", request.Channel is { } c ? (int)c : null);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        IAsyncEnumerable<object?[]> raw = Read(reader, ct);
        if (report.Percentiles is { } p) (names, raw) = Percentiles(names, raw, p, report.File);
        var ordinals = report.Columns.Select(c => names.FindIndex(n => string.Equals(n, c.Field, StringComparison.OrdinalIgnoreCase))).ToArray();
        var missing = report.Columns.Where((c, i) => ordinals[i] < 0).Select(c => c.Field).ToList();
        if (missing.Count > 0)
            throw new ReportException($"die Abfrage liefert {(missing.Count == 1 ? "das Feld" : "die Felder")} {string.Join(", ", missing.Select(m => $"„{m}“"))} nicht (sie liefert: {string.Join(", ", names)})");
        await foreach (var values in raw)
        {
            var row = new object?[ordinals.Length];
            for (var i = 0; i < ordinals.Length; i++)
                row[i] = values[ordinals[i]] is null or DBNull ? null : Convert(values[ordinals[i]]!, report.Columns[i].Format);
            yield return row;
        }
    }

    private static async IAsyncEnumerable<object?[]> Read(System.Data.Common.DbDataReader reader, [EnumeratorCancellation] CancellationToken ct)
    {
        while (await reader.ReadAsync(ct))
        {
            var values = new object?[reader.FieldCount];
            reader.GetValues(values!);
            yield return values;
        }
    }

    /// <summary>
    /// A histogram (key fields, whole hours, how many) turned into one row per key: Anzahl, Median and P90 in days,
    /// nearest rank, as the dashboard counts them. The histogram is small (hours × keys), so it is held.
    /// </summary>
    private static (List<string> Names, IAsyncEnumerable<object?[]> Rows) Percentiles(List<string> names, IAsyncEnumerable<object?[]> raw, ReportPercentiles p, string file)
    {
        var (value, weight) = (names.FindIndex(n => n.Equals(p.Value, StringComparison.OrdinalIgnoreCase)), names.FindIndex(n => n.Equals(p.Weight, StringComparison.OrdinalIgnoreCase)));
        if (value < 0 || weight < 0) throw new ReportException($"die Abfrage liefert „{p.Value}“ und „{p.Weight}“ für die Perzentile nicht");
        var keys = Enumerable.Range(0, names.Count).Where(i => i != value && i != weight).ToList();
        async IAsyncEnumerable<object?[]> Rows()
        {
            var groups = new List<(object?[] Key, List<(int Hours, int Count)> Histogram)>();
            await foreach (var row in raw)
            {
                var key = keys.Select(i => row[i]).ToArray();
                var group = groups.FindIndex(g => g.Key.SequenceEqual(key));
                if (group < 0) { groups.Add((key, [])); group = groups.Count - 1; }
                groups[group].Histogram.Add((System.Convert.ToInt32(row[value], CultureInfo.InvariantCulture), System.Convert.ToInt32(row[weight], CultureInfo.InvariantCulture)));
            }
            foreach (var (key, histogram) in groups)
            {
                var d = Durations.FromHistogram(histogram);
                yield return [.. key, (long)d.Count, d.Median?.TotalDays, d.P90?.TotalDays];
            }
        }
        return ([.. keys.Select(i => names[i]), "Anzahl", "Median", "P90"], Rows());
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, DateTime> LocalDates = new();

    /// <summary>
    /// The county's day of a moment stored in UTC (SQLite gives it as text "yyyy-MM-dd HH:mm:ss…", MariaDB as a
    /// DateTime). The day depends only on the UTC hour, so it is looked up per hour: a million rows with three
    /// moments each would otherwise spend seconds parsing and converting time zones.
    /// </summary>
    private static DateTime LocalDate(object value)
    {
        int key;
        if (value is DateTime d) key = d.Year * 1_000_000 + d.Month * 10_000 + d.Day * 100 + d.Hour;
        else
        {
            var t = (string)value;
            key = Digits(t, 0, 4) * 1_000_000 + Digits(t, 5, 2) * 10_000 + Digits(t, 8, 2) * 100 + Digits(t, 11, 2);
        }
        return LocalDates.GetOrAdd(key, k => LocalDays.DayOf(new DateTime(k / 1_000_000, k / 10_000 % 100, k / 100 % 100, k % 100, 30, 0, DateTimeKind.Utc)).ToDateTime(TimeOnly.MinValue));
    }

    private static int Digits(string s, int start, int length)
    {
        var n = 0;
        for (var i = start; i < start + length; i++) n = n * 10 + (s[i] - '0');
        return n;
    }

    private static object? Convert(object value, ColumnFormat format) => format switch
    {
        ColumnFormat.Integer => System.Convert.ToInt64(value, CultureInfo.InvariantCulture),
        ColumnFormat.Decimal or ColumnFormat.Percent => System.Convert.ToDouble(value, CultureInfo.InvariantCulture),
        ColumnFormat.Date => LocalDate(value),
        _ => System.Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}

using System.Globalization;
using System.Runtime.CompilerServices;
using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Reports;

/// <summary>What a report is run for: a period of whole local days, and optionally a unit, a service, a channel.</summary>
public sealed record ReportRequest(DateOnly From, DateOnly To, int? UnitId, int? ServiceId, Channel? Channel);

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
        command.CommandText = ReportSql.Render(report.Query, units, request.From, request.To);
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
        var ordinals = report.Columns.Select(c => names.FindIndex(n => string.Equals(n, c.Field, StringComparison.OrdinalIgnoreCase))).ToArray();
        var missing = report.Columns.Where((c, i) => ordinals[i] < 0).Select(c => c.Field).ToList();
        if (missing.Count > 0)
            throw new ReportException($"die Abfrage liefert {(missing.Count == 1 ? "das Feld" : "die Felder")} {string.Join(", ", missing.Select(m => $"„{m}“"))} nicht (sie liefert: {string.Join(", ", names)})");
        while (await reader.ReadAsync(ct))
        {
            var row = new object?[ordinals.Length];
            for (var i = 0; i < ordinals.Length; i++)
                row[i] = reader.IsDBNull(ordinals[i]) ? null : Convert(reader.GetValue(ordinals[i]), report.Columns[i].Format);
            yield return row;
        }
    }

    private static object? Convert(object value, ColumnFormat format) => format switch
    {
        ColumnFormat.Integer => System.Convert.ToInt64(value, CultureInfo.InvariantCulture),
        ColumnFormat.Decimal or ColumnFormat.Percent => System.Convert.ToDouble(value, CultureInfo.InvariantCulture),
        // SQLite gives moments as text.
        ColumnFormat.Date => value is DateTime d ? d : DateTime.Parse(System.Convert.ToString(value, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture),
        _ => System.Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}

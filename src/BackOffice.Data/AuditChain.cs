using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Data;

/// <summary>The hash chain over <see cref="AuditEvent"/>s.</summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    // The time is formatted without its Kind: SQLite gives it back as Unspecified.
    public static string ComputeHash(AuditEvent e) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f',
            e.PreviousHash, e.At.ToString("yyyy-MM-dd HH:mm:ss.fffffff", System.Globalization.CultureInfo.InvariantCulture), e.Actor, e.Action, e.EntityType, e.EntityId,
            e.UnitId?.ToString() ?? "", e.Details ?? ""))));

    /// <summary>
    /// The time of a new event, to the microsecond: MariaDB keeps datetime(6), so a tenth of a microsecond more would
    /// change the hash between writing and reading. (SQLite keeps ticks; the chain is the same on both.)
    /// </summary>
    public static DateTime Now()
    {
        var now = DateTime.UtcNow;
        return now.AddTicks(-(now.Ticks % 10));
    }

    /// <summary>Returns the id of the first event whose hash or link is wrong, or null when the chain is intact.</summary>
    public static async Task<long?> FindFirstBreakAsync(BackOfficeDb db, CancellationToken ct = default) => (await VerifyAsync(db, ct)).FirstBreak;

    /// <summary>Walks the whole chain: how many events were checked up to the first break, and that break's id (null: intact).</summary>
    public static async Task<(long Checked, long? FirstBreak)> VerifyAsync(BackOfficeDb db, CancellationToken ct = default)
    {
        var previous = Genesis;
        long count = 0;
        await foreach (var e in db.AuditEvents.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (e.PreviousHash != previous || ComputeHash(e) != e.Hash) return (count, e.Id);
            previous = e.Hash;
        }
        return (count, null);
    }
}

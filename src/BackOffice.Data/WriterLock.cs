using Microsoft.EntityFrameworkCore;

namespace BackOffice.Data;

/// <summary>
/// One row that writers lock where order matters: the audit chain (each event names the hash of the one before) and
/// numbering (Aktenzeichen, case and registration numbers read the highest one and add one). SQLite needs no row for
/// it: its writing transactions are serial anyway (Microsoft.Data.Sqlite begins them IMMEDIATE). On MariaDB,
/// SELECT … FOR UPDATE on this row holds until commit, so these writers take turns there too.
/// </summary>
public class WriterLock
{
    public int Id { get; set; }

    public static async Task TakeAsync(BackOfficeDb db, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("The writer lock needs the transaction that writes.");
        if (db.Database.IsSqlite()) return;
        await db.Database.ExecuteSqlRawAsync("SELECT Id FROM WriterLocks WHERE Id = 1 FOR UPDATE", ct);
    }
}

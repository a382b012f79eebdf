using BackOffice.Data;
using BackOffice.Features.Files;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Audit;

/// <summary>
/// Verifies the audit trail's hash chain (issue 11): from the administration page, and as the command
/// `BackOffice verify-audit` (exit code 0 intact, 1 broken) for a scheduled job or an auditor.
/// </summary>
public static class AuditCheck
{
    public sealed record Result(long Checked, long? FirstBreakId, DateTime? BreakAt, string? BreakActor, string? BreakAction)
    {
        public bool Intact => FirstBreakId is null;

        public string Message => Intact
            ? $"Die Protokollkette ist unversehrt: {Labels.Count((int)Math.Min(Checked, int.MaxValue), "Eintrag", "Einträge")} geprüft."
            : $"Die Protokollkette ist beim Eintrag Nr. {FirstBreakId} gebrochen ({Labels.DateTime(BreakAt)}, {BreakActor}, „{BreakAction}“): " +
              "dieser Eintrag oder sein Vorgänger wurde geändert oder entfernt. Alle Einträge davor sind unversehrt.";
    }

    public static async Task<Result> RunAsync(BackOfficeDb db, CancellationToken ct = default)
    {
        var (count, breakId) = await AuditChain.VerifyAsync(db, ct);
        if (breakId is null) return new Result(count, null, null, null, null);
        var e = await db.AuditEvents.AsNoTracking().Where(x => x.Id == breakId).Select(x => new { x.At, x.Actor, x.Action }).SingleAsync(ct);
        return new Result(count, breakId, e.At, e.Actor, e.Action);
    }

    /// <summary>The command: prints the result and answers the exit code.</summary>
    public static async Task<int> RunCommandAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<BackOfficeDb>>().CreateDbContextAsync();
        db.Scope = UnitScope.System;
        var result = await RunAsync(db);
        Console.WriteLine(result.Message);
        return result.Intact ? 0 : 1;
    }
}

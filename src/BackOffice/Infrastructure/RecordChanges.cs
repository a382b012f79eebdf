using System.Globalization;
using System.Runtime.CompilerServices;
using BackOffice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BackOffice.Infrastructure;

/// <summary>
/// Tells open pages whose units' cases or inbox items were just saved, whoever saved them (case work, the inbox, the
/// portal import), so that the dashboards follow without a reload. It watches every context's SaveChanges, so no
/// writer has to remember to publish. Pages on other app instances hear it through the <see cref="LiveBus"/>.
/// </summary>
public sealed class RecordChanges : SaveChangesInterceptor
{
    private const string Topic = "records";
    private readonly ConditionalWeakTable<DbContext, HashSet<int>> _pending = new();
    private readonly LiveBus? _bus;

    public RecordChanges(LiveBus? bus = null)
    {
        _bus = bus;
        bus?.Listen(Topic, message =>
        {
            var units = message.Split(',').Select(u => int.TryParse(u, CultureInfo.InvariantCulture, out var id) ? id : -1).Where(id => id >= 0).ToHashSet();
            if (units.Count > 0) Saved?.Invoke(units);
        });
    }

    /// <summary>Raised after a save, with the units whose cases or items changed (before and after a move).</summary>
    public event Action<IReadOnlySet<int>>? Saved;

    public override InterceptionResult<int> SavingChanges(DbContextEventData e, InterceptionResult<int> result)
    {
        Collect(e.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData e, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Collect(e.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData e, int result)
    {
        Publish(e.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData e, int result, CancellationToken ct = default)
    {
        Publish(e.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData e)
    {
        if (e.Context is not null) _pending.Remove(e.Context);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData e, CancellationToken ct = default)
    {
        SaveChangesFailed(e);
        return Task.CompletedTask;
    }

    /// <summary>For writers that bypass the change tracker (ExecuteUpdate).</summary>
    public void Publish(params int[] unitIds) => Tell(unitIds.ToHashSet());

    private void Collect(DbContext? context)
    {
        if (context is null) return;
        var units = _pending.GetOrCreateValue(context);
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (entry.Entity is not (Case or InboxItem)) continue;
            var unit = entry.Property(nameof(IUnitOwned.UnitId));
            units.Add((int)unit.CurrentValue!);
            if (entry.State == EntityState.Modified) units.Add((int)unit.OriginalValue!);
        }
    }

    private void Publish(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var units)) return;
        _pending.Remove(context);
        if (units.Count == 0) return;
        Tell(units);
    }

    private void Tell(IReadOnlySet<int> units)
    {
        try { Saved?.Invoke(units); }
        catch (Exception) { /* a page that fails to refresh must not fail the writer's save */ }
        _bus?.Send(Topic, string.Join(',', units.Select(u => u.ToString(CultureInfo.InvariantCulture))));
    }
}

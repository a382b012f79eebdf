using BackOffice.Data;

namespace BackOffice.Features.Inbox;

/// <summary>
/// The navigation's count of new, unassigned items, one per circuit. A triage action counts here in its own context,
/// and its change event names this counter as its origin, so that the navigation does not open a second context for it.
/// </summary>
public sealed class InboxCounter
{
    public int Unassigned { get; private set; }

    /// <summary>The count changed: the navigation shows it.</summary>
    public event Action? Changed;

    public async Task CountAsync(BackOfficeDb db, CancellationToken ct = default)
    {
        Unassigned = await InboxList.CountUnassignedAsync(db, DateTime.UtcNow, ct);
        Changed?.Invoke();
    }
}

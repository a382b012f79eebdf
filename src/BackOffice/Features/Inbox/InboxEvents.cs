namespace BackOffice.Features.Inbox;

/// <summary>
/// Tells open inbox pages that a unit's inbox changed, so that they reload without the user doing it.
/// In-process: one app instance serves the county (see ADR-0003 when that changes).
/// </summary>
public sealed class InboxEvents
{
    public event Action<int>? Changed;

    public void Publish(int unitId) => Changed?.Invoke(unitId);
}

namespace BackOffice.Shared;

/// <summary>
/// Tells open pages that a unit's inbox changed, so that they reload without the user doing it. Shared vocabulary:
/// the portal intake, the case page, letters and the Posteingang publish; the Posteingang and the navigation listen.
/// In-process: one app instance serves the county (see ADR-0003 when that changes).
/// </summary>
public sealed class InboxEvents
{
    /// <summary>A unit's inbox changed. <paramref name="Origin"/> names the circuit (its inbox counter) where a user changed
    /// it: that circuit reloaded what it shows in the context of the change and need not again.</summary>
    public sealed record Change(int UnitId, object? Origin);

    public event Action<Change>? Changed;

    public void Publish(int unitId, object? origin = null) => Changed?.Invoke(new Change(unitId, origin));
}

using System.Globalization;
using BackOffice.Infrastructure;

namespace BackOffice.Shared;

/// <summary>
/// Tells open pages that a unit's inbox changed, so that they reload without the user doing it. Shared vocabulary:
/// the portal intake, the case page, letters and the Posteingang publish; the Posteingang and the navigation listen.
/// Pages on other app instances hear it through the <see cref="LiveBus"/> (ADR-0018).
/// </summary>
public sealed class InboxEvents
{
    private const string Topic = "inbox";
    private readonly LiveBus? _bus;

    public InboxEvents(LiveBus? bus = null)
    {
        _bus = bus;
        bus?.Listen(Topic, message =>
        {
            if (int.TryParse(message, CultureInfo.InvariantCulture, out var unitId)) Changed?.Invoke(new Change(unitId, null));
        });
    }

    /// <summary>A unit's inbox changed. <paramref name="Origin"/> names the circuit (its inbox counter) where a user changed
    /// it: that circuit reloaded what it shows in the context of the change and need not again.</summary>
    public sealed record Change(int UnitId, object? Origin);

    public event Action<Change>? Changed;

    public void Publish(int unitId, object? origin = null)
    {
        Changed?.Invoke(new Change(unitId, origin));
        _bus?.Send(Topic, unitId.ToString(CultureInfo.InvariantCulture));
    }
}

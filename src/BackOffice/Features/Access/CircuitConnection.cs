using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BackOffice.Features.Access;

/// <summary>
/// Whether this circuit's browser is connected. A circuit stays on the server for a while after its tab went away;
/// when its session ends meanwhile (signed out elsewhere, account switched off), sending it to the sign-in page would
/// fail against the missing browser. Such a navigation waits here until the browser is back (or the circuit is gone).
/// </summary>
public sealed class CircuitConnection : CircuitHandler
{
    private Action? _whenUp;
    public bool IsUp { get; private set; } = true;

    public void WhenUp(Action action)
    {
        if (IsUp) action();
        else _whenUp = action;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken ct)
    {
        IsUp = false;
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken ct)
    {
        IsUp = true;
        var pending = _whenUp;
        _whenUp = null;
        pending?.Invoke();
        return Task.CompletedTask;
    }
}

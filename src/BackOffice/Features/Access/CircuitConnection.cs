using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BackOffice.Features.Access;

/// <summary>
/// Whether this circuit's browser is connected. A circuit stays on the server for a while after its tab went away;
/// work meant for the browser (a navigation to the sign-in page, a dashboard's refresh) waits here until the browser
/// is back, or is dropped with the circuit.
/// </summary>
public sealed class CircuitConnection : CircuitHandler
{
    private readonly Lock _lock = new();
    private readonly List<Action> _whenUp = [];
    public bool IsUp { get; private set; } = true;

    /// <summary>Runs the action now when the browser is connected, else once it is back.</summary>
    public void WhenUp(Action action)
    {
        lock (_lock)
        {
            if (!IsUp)
            {
                _whenUp.Add(action);
                return;
            }
        }
        action();
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken ct)
    {
        lock (_lock) IsUp = false;
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken ct)
    {
        Action[] pending;
        lock (_lock)
        {
            IsUp = true;
            pending = [.. _whenUp];
            _whenUp.Clear();
        }
        foreach (var action in pending) action();
        return Task.CompletedTask;
    }
}

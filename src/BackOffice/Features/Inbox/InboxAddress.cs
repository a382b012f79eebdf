using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;

namespace BackOffice.Features.Inbox;

/// <summary>
/// Keeps the Posteingang's view in the address, so that reload, Back and a copied link bring it back: a new history
/// entry for filters and pages (Back returns), a replaced one for moving the selection (j/k do not fill the history).
/// Reports Back, Forward and edited addresses, but not the page's own navigations, even when a later one overtakes them.
/// </summary>
public sealed class InboxAddress : IDisposable
{
    private readonly NavigationManager _navigation;
    /// <summary>Views put into the address whose change events are still to come: they are not news.</summary>
    private readonly List<InboxView> _own = [];

    public InboxAddress(NavigationManager navigation)
    {
        _navigation = navigation;
        _navigation.LocationChanged += OnLocationChanged;
    }

    /// <summary>The view the address names now.</summary>
    public InboxView Current => InboxView.Parse(_navigation.Uri);

    /// <summary>Set when the clerk opens a case from here: nothing the page still finishes may bring them back.</summary>
    public bool Leaving { get; private set; }

    /// <summary>Back, Forward or an edited address named this view (called on the navigation's thread).</summary>
    public event Action<InboxView>? Changed;

    /// <summary>Puts the view into the address, unless it is there already or the Posteingang is no longer shown.</summary>
    public void Show(InboxView view, bool replace)
    {
        if (Leaving || !IsInbox(_navigation.Uri) || Current == view) return;
        _own.Add(view);
        _navigation.NavigateTo(view.ToUri(), replace: replace);
    }

    /// <summary>Goes to another page (a case): from now on this page leaves the address alone.</summary>
    public void Leave(string uri)
    {
        Leaving = true;
        _navigation.NavigateTo(uri);
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        if (Leaving || !IsInbox(e.Location)) return; // on the way to another page
        var view = InboxView.Parse(e.Location);
        // Our own navigation, maybe overtaken by a later one (j pressed quickly): never turn the selection back.
        var own = _own.IndexOf(view);
        if (own >= 0) { _own.RemoveRange(0, own + 1); return; }
        Changed?.Invoke(view);
    }

    private bool IsInbox(string uri)
    {
        var relative = _navigation.ToBaseRelativePath(uri);
        return relative == "posteingang" || relative.StartsWith("posteingang?");
    }

    public void Dispose() => _navigation.LocationChanged -= OnLocationChanged;
}

using System.Security.Claims;
using BackOffice.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Access;

/// <summary>
/// Opens a <see cref="BackOfficeDb"/> for the signed-in user: scoped to their units and naming
/// them in the audit trail. Pages and endpoints get their data through this, one context per operation.
/// </summary>
public sealed class UserDb(IDbContextFactory<BackOfficeDb> factory, UnitScopes scopes, AuthenticationStateProvider auth)
{
    /// <summary>For Blazor components: the user of the current circuit or prerender.</summary>
    public async Task<BackOfficeDb> OpenAsync(CancellationToken ct = default) =>
        await OpenAsync((await auth.GetAuthenticationStateAsync()).User, ct);

    /// <summary>For HTTP endpoints: the user of the request.</summary>
    public async Task<BackOfficeDb> OpenAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        db.Scope = await scopes.ForAsync(user, ct);
        db.Actor = user.Identity?.Name ?? "anonym";
        return db;
    }
}

using System.Security.Claims;
using BackOffice.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Access;

/// <summary>Who is signed in, for the header: name, role and the units they work for.</summary>
public sealed class CurrentAccount(AuthenticationStateProvider auth, IDbContextFactory<BackOfficeDb> factory)
{
    public sealed record Info(string UserId, string UserName, string DisplayName, string Role, IReadOnlyList<string> UnitNames);

    private Info? _info;

    public async Task<Info?> GetAsync()
    {
        if (_info is not null) return _info;
        var user = (await auth.GetAuthenticationStateAsync()).User;
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null) return null;
        await using var db = await factory.CreateDbContextAsync();
        var units = await db.UserUnits.Where(u => u.UserId == id).OrderBy(u => u.OrgUnit!.Key)
            .Select(u => u.OrgUnit!.Name).ToListAsync();
        return _info = new Info(id, user.Identity?.Name ?? "", user.FindFirstValue(ClaimsFactory.DisplayNameClaim) ?? "",
            user.FindFirstValue(ClaimTypes.Role) ?? "", units);
    }
}

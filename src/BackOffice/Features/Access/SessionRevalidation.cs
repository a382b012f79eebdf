using System.Security.Claims;
using BackOffice.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Features.Access;

/// <summary>
/// Ends an open tab's session soon after the user signed out elsewhere, was disabled or locked, or had their
/// password reset: every few seconds the circuit compares the security stamp in its sign-in with the stored one.
/// (HTTP requests check the stamp on every request, see AccessSetup.)
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory logger, IDbContextFactory<BackOfficeDb> factory, IOptions<IdentityOptions> identity)
    : RevalidatingServerAuthenticationStateProvider(logger)
{
    private readonly ILogger _log = logger.CreateLogger<SessionRevalidation>();

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    protected override TimeSpan RevalidationInterval => Interval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        var user = state.User;
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null) return false;
        // Not cancelled with the circuit: a closing tab cancels the token, and EF logs a cancelled open as a connection
        // error. The lookup is one indexed row; it may as well finish.
        await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
        try
        {
            var stored = await db.Users.AsNoTracking().Where(u => u.Id == id)
                .Select(u => new { u.SecurityStamp, u.LockoutEnd, u.Disabled }).SingleOrDefaultAsync(CancellationToken.None);
            if (stored is null || stored.Disabled || stored.LockoutEnd > DateTimeOffset.UtcNow) return false;
            return user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) == stored.SecurityStamp;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException or Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException)
        {
            // The database away (a failover, an outage) says nothing about the user: the session stays, the next check
            // decides. Signing every open tab out would only add a lost page to the outage.
            _log.LogWarning("The session of {User} could not be checked ({Reason}); it stays until the next check.", user.Identity?.Name, e.GetBaseException().Message);
            return true;
        }
    }
}


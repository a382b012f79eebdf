using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace BackOffice.Features.Intake;

/// <summary>Portal API keys: made here, shown once, stored only as a hash.</summary>
public static class PortalKeys
{
    public const string Scheme = "PortalKey";
    public const string ClientIdClaim = "portal_client";
    public const string UnitClaim = "portal_unit";

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A new key: "bo_" and 40 random characters (about 238 bits).</summary>
    public static string NewKey() =>
        "bo_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', 'x').Replace('/', 'y');

    public static string Prefix(string key) => key[..Math.Min(8, key.Length)];

    /// <summary>Creates a client granted the given units and returns it with its key, which is not stored.</summary>
    public static (PortalClient Client, string Key) NewClient(string name, IEnumerable<int> unitIds, string? key = null)
    {
        key ??= NewKey();
        var client = new PortalClient
        {
            Name = name, KeyHash = Hash(key), KeyPrefix = Prefix(key), CreatedAt = DateTime.UtcNow,
            Units = unitIds.Distinct().Select(id => new PortalClientUnit { OrgUnitId = id }).ToList(),
        };
        return (client, key);
    }

    public static int ClientId(this ClaimsPrincipal user) => int.Parse(user.FindFirstValue(ClientIdClaim)!);

    public static IReadOnlyList<int> GrantedUnits(this ClaimsPrincipal user) =>
        user.FindAll(UnitClaim).Select(c => int.Parse(c.Value)).ToList();
}

/// <summary>Authenticates "Authorization: Bearer &lt;key&gt;" against the stored hashes (cached briefly; a revoked key stops within seconds).</summary>
public sealed class PortalKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IDbContextFactory<BackOfficeDb> factory, IMemoryCache cache, SharedCounters counters)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);
    /// <summary>
    /// Wrong keys per client address in the last one to two minutes (across the app's instances) before further wrong keys from it get 429 instead of 401 (the rate limit
    /// per client only starts after authentication). A right key is always taken: a portal behind the same proxy as a
    /// misconfigured one must not be locked out by it. Keys have 238 random bits, so guessing gains nothing anyway.
    /// </summary>
    public const int WrongKeysPerMinute = 20;

    private string Address => Context.Connection.RemoteIpAddress?.ToString() ?? "unbekannt";
    private bool _throttled;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var hash = PortalKeys.Hash(header["Bearer ".Length..].Trim());
        var client = await cache.GetOrCreateAsync(("portal-key", hash), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            await using var db = await factory.CreateDbContextAsync();
            return await db.PortalClients.AsNoTracking().Where(c => c.KeyHash == hash && c.RevokedAt == null)
                .Select(c => new { c.Id, c.Name, Units = c.Units.Select(u => u.OrgUnitId).ToList() }).SingleOrDefaultAsync();
        });
        if (client is null)
        {
            var count = await counters.AddAsync("portal-key-failures", Address, TimeSpan.FromMinutes(1));
            _throttled = count > WrongKeysPerMinute;
            // The first refusal of a minute is audited, not each one: a flood must not flood the audit trail.
            if (count == WrongKeysPerMinute + 1) await AuditThrottledAsync();
            return AuthenticateResult.Fail(_throttled ? "Too many wrong keys from this address." : "Unknown or revoked key.");
        }
        var identity = new ClaimsIdentity(
            [new Claim(PortalKeys.ClientIdClaim, client.Id.ToString()), new Claim(ClaimTypes.Name, "portal:" + client.Name),
             .. client.Units.Select(u => new Claim(PortalKeys.UnitClaim, u.ToString()))], PortalKeys.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), PortalKeys.Scheme));
    }

    private async Task AuditThrottledAsync()
    {
        await using var db = await factory.CreateDbContextAsync();
        db.Actor = "portal";
        db.LogEvent("portal-key-throttled", "PortalClient", Address, details: $"mehr als {WrongKeysPerMinute} falsche Schlüssel in einer Minute von {Address}");
        await db.SaveChangesAsync();
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (_throttled)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = "60";
            return Results.Problem(statusCode: 429, title: "Zu viele Anfragen",
                detail: $"Von dieser Adresse kamen mehr als {WrongKeysPerMinute} falsche Schlüssel in einer Minute. Ein richtiger Schlüssel wird weiter angenommen; falsche werden für 60 s so beantwortet.").ExecuteAsync(Context);
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(statusCode: 401, title: "Nicht angemeldet",
            detail: "Der Schlüssel fehlt, ist falsch oder wurde widerrufen. Senden Sie ihn als \"Authorization: Bearer <Schlüssel>\".").ExecuteAsync(Context);
    }
}

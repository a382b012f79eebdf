using System.Security.Claims;
using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Identity.Web;

namespace BackOffice.Features.Access;

/// <summary>
/// Sign-in with the county's Entra ID accounts through Microsoft.Identity.Web (OpenID Connect, code flow with PKCE),
/// on when the "AzureAd" settings name a client. Entra ID only proves who someone is: the answer lands in Identity's
/// external cookie, <see cref="EntraAccounts"/> turns it into a BackOffice user with the mapped role and units, and that
/// user gets the same sign-in cookie as a local account (security stamp, revalidation, sign-out everywhere).
/// </summary>
public static class EntraSignIn
{
    public const string Scheme = OpenIdConnectDefaults.AuthenticationScheme;
    public const string StartPath = "/anmelden/entra";
    public const string FinishPath = "/anmelden/entra/fertig";
    public const string NoAccessPath = "/anmelden/kein-zugang";
    public const string AuthenticationMethod = "Entra ID";

    public static bool IsConfigured(IConfiguration configuration) => !string.IsNullOrEmpty(configuration["AzureAd:ClientId"]);

    public static void AddEntraSignIn(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, AccessOptions access)
    {
        if (!string.IsNullOrEmpty(access.TestIdentityProvider) && !environment.IsDevelopment())
            throw new InvalidOperationException("BackOffice:Access:TestIdentityProvider ist nur für Tests und Entwicklung (Umgebung Development) erlaubt.");
        if (!IsConfigured(configuration)) return;

        services.AddAuthentication()
            .AddMicrosoftIdentityWebApp(configuration.GetSection("AzureAd"), Scheme, cookieScheme: null);
        services.Configure<MicrosoftIdentityOptions>(Scheme, o =>
        {
            // Entra ID's answer goes into Identity's short-lived external cookie; /anmelden/entra/fertig takes it from there.
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.ResponseType = "code";
            o.UsePkce = true;
        });
        // Cancelled at Entra ID, a reloaded or replayed answer (correlation cookie gone), an error from Entra ID: back to the
        // sign-in page with a German message, not an error page. Registered after Identity.Web's own options, so that it wins.
        services.Configure<OpenIdConnectOptions>(Scheme, o => o.Events.OnRemoteFailure = context =>
        {
            context.Response.Redirect(AccessSetup.SignInPath + "?entra=" + (context.Failure?.Message.Contains("access_denied") == true ? "abgebrochen" : "fehler"));
            context.HandleResponse();
            return Task.CompletedTask;
        });
        if (string.IsNullOrEmpty(access.TestIdentityProvider)) return;

        // A local test provider is no Entra ID: plain http, its own issuer, no tenant claim, no form_post across sites.
        // Configure (not PostConfigure) and registered after Identity.Web's own, so that these win.
        var issuer = access.TestIdentityProvider.TrimEnd('/');
        services.Configure<OpenIdConnectOptions>(Scheme, o =>
        {
            o.Authority = issuer;
            o.MetadataAddress = issuer + "/.well-known/openid-configuration";
            o.RequireHttpsMetadata = false;
            o.TokenValidationParameters.IssuerValidator = null;
            o.TokenValidationParameters.ValidIssuer = issuer;
            o.ResponseMode = "query";
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
    }

    public static void MapEntraSignIn(this IEndpointRouteBuilder app)
    {
        // The sign-in page's "Mit dem Konto des Kreises anmelden" link.
        app.MapGet(StartPath, (string? returnUrl, IConfiguration configuration) =>
        {
            if (!IsConfigured(configuration)) return Results.NotFound();
            var finish = $"{FinishPath}?returnUrl={Uri.EscapeDataString(SignIn.SafeReturnUrl(returnUrl))}";
            return Results.Challenge(new AuthenticationProperties { RedirectUri = finish }, [Scheme]);
        }).AllowAnonymous();

        app.MapGet(FinishPath, async (string? returnUrl, HttpContext http, IDbContextFactory<BackOfficeDb> factory,
            SignInManager<AppUser> signIn, UnitScopes scopes) =>
        {
            var external = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);
            await http.SignOutAsync(IdentityConstants.ExternalScheme);
            if (!external.Succeeded || external.Principal.GetObjectId() is not { } objectId)
                // Opened again later (a bookmark, Back): whoever is signed in simply goes on.
                return Results.LocalRedirect(http.User.Identity?.IsAuthenticated == true ? SignIn.SafeReturnUrl(returnUrl) : AccessSetup.SignInPath + "?entra=fehler");
            var claims = ClaimsOf(external.Principal, objectId);
            await using var db = await factory.CreateDbContextAsync();
            db.Actor = claims.UserName ?? objectId;
            var outcome = await EntraAccounts.SignInAsync(db, claims);
            if (outcome.User is null)
                return Results.LocalRedirect($"{NoAccessPath}?grund={outcome.Refusal}");
            scopes.Invalidate(outcome.User.Id); // the units may have changed with the groups
            await signIn.SignInAsync(outcome.User, isPersistent: false, AuthenticationMethod);
            return Results.LocalRedirect(SignIn.SafeReturnUrl(returnUrl));
        }).AllowAnonymous();
    }

    private static EntraAccounts.Claims ClaimsOf(ClaimsPrincipal principal, string objectId)
    {
        // More groups than fit into a token: Entra ID leaves them out and says so in "_claim_names".
        var overflow = principal.FindFirst("_claim_names")?.Value.Contains("groups", StringComparison.Ordinal) == true;
        return new EntraAccounts.Claims(objectId,
            principal.FindFirstValue("preferred_username") ?? principal.FindFirstValue(ClaimTypes.Upn) ?? principal.FindFirstValue(ClaimTypes.Email),
            principal.FindFirstValue("name") ?? principal.FindFirstValue(ClaimTypes.Name),
            principal.FindAll("groups").Select(c => c.Value).ToList(), overflow);
    }
}

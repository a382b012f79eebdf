using BackOffice.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace BackOffice.Features.Access;

public static class AccessSetup
{
    public const string SignInPath = "/anmelden";
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);
    public const int MinPasswordLength = 12;

    public static IServiceCollection AddAccess(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = SignInPath;
            o.LogoutPath = "/abmelden";
            o.AccessDeniedPath = "/kein-zugriff";
            o.Cookie.Name = "BackOffice.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Secure over HTTPS (directly or behind the proxy with TrustForwardedHeaders); plain http stays usable for make run.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.SlidingExpiration = true;
            // API callers get status codes, not a redirect to the sign-in page.
            o.Events.OnRedirectToLogin = ctx => Redirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => Redirect(ctx, StatusCodes.Status403Forbidden);
            // After sign-in the cookie handler follows ?ReturnUrl= itself: only to this site, percent-encoded
            // ("/vorgänge" in a Location header ended the sign-in with an error).
            o.Events.OnRedirectToReturnUrl = ctx =>
            {
                ctx.Response.Redirect(SignIn.SafeReturnUrl(ctx.RedirectUri));
                return Task.CompletedTask;
            };
        });
        services.AddAuthorization();
        // Every request compares the cookie's security stamp with the stored one: after sign-out (which changes
        // the stamp), disabling or a password reset, an old cookie opens nothing. One indexed lookup per request.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                o.Lockout.DefaultLockoutTimeSpan = LockoutTime;
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = MinPasswordLength;
                o.User.RequireUniqueEmail = false;
            })
            .AddErrorDescriber<GermanIdentityErrors>()
            .AddEntityFrameworkStores<BackOfficeDb>()
            .AddSignInManager<AccountSignIn>()
            .AddClaimsPrincipalFactory<ClaimsFactory>()
            .AddDefaultTokenProviders();
        services.AddMemoryCache();
        services.AddSingleton<UnitScopes>();
        services.AddScoped<UserDb>();
        services.AddSingleton<DeniedReads>();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<PasswordChange>();
        services.AddScoped<CurrentAccount>();
        services.AddScoped<CircuitConnection>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<CircuitConnection>());
        return services;
    }

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int apiStatus)
    {
        if (ctx.Request.Path.StartsWithSegments("/api")) ctx.Response.StatusCode = apiStatus;
        else ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// While an account's password is one an administrator set, nothing but changing it (and signing out) opens:
    /// pages redirect to the change form, anything else (downloads, the live connection) is refused.
    /// </summary>
    public static void UsePasswordChangeFirst(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.User.HasClaim(c => c.Type == ClaimsFactory.MustChangePasswordClaim)
            && !http.Request.Path.StartsWithSegments(ChangePassword.Path) && !http.Request.Path.StartsWithSegments("/abmelden")
            && !http.Request.Path.StartsWithSegments("/api") && !http.Request.Path.StartsWithSegments("/health") && !http.Request.Path.StartsWithSegments("/ready")
            && !http.Request.Path.StartsWithSegments("/_framework") && !http.Request.Path.StartsWithSegments("/_content"))
        {
            if (HttpMethods.IsGet(http.Request.Method) && !http.Request.Path.StartsWithSegments("/_blazor")) http.Response.Redirect(http.Request.PathBase + ChangePassword.Path);
            else http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        await next(http);
    });

    public static void MapAccessEndpoints(this IEndpointRouteBuilder app)
    {
        // A form post (with antiforgery token) from the header's sign-out button.
        // Signing out ends the session everywhere: a new security stamp invalidates every cookie and open tab of the user.
        app.MapPost("/abmelden", async (HttpContext http, SignInManager<AppUser> signIn, UserManager<AppUser> users, IAntiforgery antiforgery) =>
        {
            // The token is checked here: the endpoint binds no form, so nothing else would refuse a forged post.
            if (!await antiforgery.IsRequestValidAsync(http))
                return Results.Text("Die Abmeldung kam nicht aus dem BackOffice (Sicherheitsmerkmal fehlt). Bitte über die Schaltfläche „Abmelden“ abmelden.",
                    "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            if (await users.GetUserAsync(http.User) is { } user) await users.UpdateSecurityStampAsync(user);
            await signIn.SignOutAsync();
            return Results.LocalRedirect(SignInPath + "?abgemeldet=1");
        }).RequireAuthorization().DisableAntiforgery();
    }
}

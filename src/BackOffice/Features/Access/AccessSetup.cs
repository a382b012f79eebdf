using BackOffice.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace BackOffice.Features.Access;

public static class AccessSetup
{
    public const string SignInPath = "/anmelden";
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);

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
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.SlidingExpiration = true;
            // API callers get status codes, not a redirect to the sign-in page.
            o.Events.OnRedirectToLogin = ctx => Redirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => Redirect(ctx, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorization();
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                o.Lockout.DefaultLockoutTimeSpan = LockoutTime;
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = 12;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<BackOfficeDb>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<ClaimsFactory>()
            .AddDefaultTokenProviders();
        services.AddMemoryCache();
        services.AddSingleton<UnitScopes>();
        services.AddScoped<UserDb>();
        services.AddScoped<CurrentAccount>();
        return services;
    }

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int apiStatus)
    {
        if (ctx.Request.Path.StartsWithSegments("/api")) ctx.Response.StatusCode = apiStatus;
        else ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static void MapAccessEndpoints(this IEndpointRouteBuilder app)
    {
        // A form post (with antiforgery token) from the header's sign-out button.
        app.MapPost("/abmelden", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect(SignInPath + "?abgemeldet=1");
        }).RequireAuthorization();
    }
}

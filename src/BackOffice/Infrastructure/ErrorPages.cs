using System.Net;
using Microsoft.AspNetCore.Diagnostics;

namespace BackOffice.Infrastructure;

/// <summary>
/// German answers when something goes wrong outside a Blazor circuit: an unknown address (404) and an
/// unexpected exception (500). Browsers get a plain page in the app's look; the portal API gets a problem
/// document, never a stack trace. Deliberately static HTML: an error page must not depend on what failed.
/// </summary>
public static class ErrorPages
{
    public const string ErrorPath = "/fehler";

    public static WebApplication UseErrorPages(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = ErrorPath, CreateScopeForErrors = true });
        app.UseStatusCodePages(async ctx =>
        {
            var http = ctx.HttpContext;
            if (http.Response.HasStarted || http.Response.ContentLength > 0 || http.Response.ContentType is not null) return;
            if (IsApi(http.Request.Path))
            {
                await Results.Problem(statusCode: http.Response.StatusCode, title: Title(http.Response.StatusCode)).ExecuteAsync(http);
                return;
            }
            if (http.Response.StatusCode == StatusCodes.Status404NotFound)
                await WritePageAsync(http, "Seite nicht gefunden", "Diese Adresse gibt es nicht, oder sie gehört nicht zu Ihren Organisationseinheiten.");
        });
        return app;
    }

    public static void MapErrorPages(this IEndpointRouteBuilder app) =>
        app.Map(ErrorPath, async (HttpContext http) =>
        {
            var failedPath = http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? "";
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            if (IsApi(failedPath))
            {
                await Results.Problem(statusCode: 500, title: "Interner Fehler",
                    detail: "Die Anfrage konnte wegen eines Fehlers im BackOffice nicht bearbeitet werden. Bitte später erneut senden; der Fehler ist protokolliert.").ExecuteAsync(http);
                return;
            }
            await WritePageAsync(http, "Ein Fehler ist aufgetreten",
                "Das BackOffice konnte diese Seite wegen eines unerwarteten Fehlers nicht anzeigen. Der Fehler ist protokolliert. Bitte laden Sie die Seite neu oder gehen Sie zur Startseite; besteht der Fehler weiter, wenden Sie sich an die Administration.");
        }).AllowAnonymous().DisableAntiforgery();

    private static bool IsApi(PathString path) => path.StartsWithSegments("/api");

    private static string Title(int status) => status switch
    {
        401 => "Nicht angemeldet", 403 => "Kein Zugriff", 404 => "Nicht gefunden", 405 => "Methode nicht erlaubt",
        413 => "Zu groß", 415 => "Nicht unterstütztes Format", 429 => "Zu viele Anfragen", _ => "Fehler",
    };

    private static Task WritePageAsync(HttpContext http, string title, string text)
    {
        http.Response.ContentType = "text/html; charset=utf-8";
        var t = WebUtility.HtmlEncode(title);
        return http.Response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1.0">
            <base href="/"><title>{{t}} – BackOffice</title>
            <link rel="stylesheet" href="_content/Radzen.Blazor/css/standard-base.css"><link rel="stylesheet" href="app.css"></head>
            <body><header class="bo-error-header"><span class="bo-brand">BackOffice</span></header>
            <main id="main" class="bo-main bo-error-page"><h1>{{t}}</h1><p>{{WebUtility.HtmlEncode(text)}}</p>
            <p><a href="/">Zur Startseite</a></p></main></body></html>
            """);
    }
}

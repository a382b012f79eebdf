using Microsoft.AspNetCore.HttpOverrides;

namespace BackOffice.Infrastructure;

/// <summary>
/// Response headers for every answer: no content-type guessing, no framing by other sites, no caching of
/// pages that carry social data, and HSTS when the request came over HTTPS (directly or, with
/// BackOffice:TrustForwardedHeaders, through the county's reverse proxy).
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, BackOfficeOptions options)
    {
        if (options.TrustForwardedHeaders)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            // The proxy is the county's own; its address is not known here, so any sender of the headers is trusted.
            // Only switch this on when the app is reachable through the proxy alone.
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            app.UseForwardedHeaders(forwarded);
        }
        return app.Use(async (http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var h = http.Response.Headers;
                h.XContentTypeOptions = "nosniff";
                h["Referrer-Policy"] = "same-origin";
                if (!h.ContainsKey("Content-Security-Policy")) h["Content-Security-Policy"] = "frame-ancestors 'self'";
                h.XFrameOptions = "SAMEORIGIN";
                if (!h.ContainsKey("Cache-Control") && !http.Request.Path.StartsWithSegments("/_content") && !http.Request.Path.StartsWithSegments("/_framework")
                    && !IsStaticFile(http.Request.Path))
                    h.CacheControl = "no-store";
                if (http.Request.IsHttps) h.StrictTransportSecurity = "max-age=31536000";
                return Task.CompletedTask;
            });
            await next();
        });
    }

    private static bool IsStaticFile(PathString path) => Path.HasExtension(path.Value) && (path.Value!.EndsWith(".css") || path.Value.EndsWith(".js"));

    /// <summary>A document is shown inside the app's own pages only, runs nothing, and is never kept in a cache.</summary>
    public static void ForDocument(HttpResponse response)
    {
        response.Headers["Content-Security-Policy"] = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'";
        response.Headers.CacheControl = "no-store";
    }
}

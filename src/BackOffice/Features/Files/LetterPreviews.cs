using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;

namespace BackOffice.Features.Files;

/// <summary>
/// Letters shown before they are sent: held in memory for a few minutes under a random token, for the user who made
/// them only, and never stored (what is sent is rendered again from the confirmed draft).
/// </summary>
public sealed class LetterPreviews(IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    public string Put(string userId, byte[] pdf)
    {
        var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        cache.Set(("letter-preview", token), (userId, pdf), Lifetime);
        return token;
    }

    public byte[]? Get(string userId, string token) =>
        cache.TryGetValue(("letter-preview", token), out (string UserId, byte[] Pdf) entry) && entry.UserId == userId ? entry.Pdf : null;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/briefe/vorschau/{token}", (string token, HttpContext http, LetterPreviews previews) =>
        {
            var pdf = http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user ? previews.Get(user, token) : null;
            if (pdf is null) return Results.NotFound();
            http.Response.Headers.ContentDisposition = Documents.DocumentEndpoints.ContentDisposition("inline", "Vorschau.pdf");
            Infrastructure.SecurityHeaders.ForDocument(http.Response);
            return Results.File(pdf, "application/pdf");
        }).RequireAuthorization();
}

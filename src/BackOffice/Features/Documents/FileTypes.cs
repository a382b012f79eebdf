namespace BackOffice.Features.Documents;

/// <summary>The file types the back office accepts (PDF, PNG, JPEG, TIFF), told by their first bytes, not by their names.</summary>
public static class FileTypes
{
    private static readonly (string Mime, Func<byte[], bool> Matches)[] Known =
    [
        ("application/pdf", b => b.AsSpan().StartsWith("%PDF-"u8)),
        ("image/png", b => b.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])),
        ("image/jpeg", b => b.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])),
        ("image/tiff", b => b.AsSpan().StartsWith("II*\0"u8) || b.AsSpan().StartsWith("MM\0*"u8)),
    ];

    public const string AllowedText = "PDF, PNG, JPEG oder TIFF";

    public static bool IsAllowed(string? mime) => Known.Any(k => string.Equals(k.Mime, mime, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the content is what its declared type says.</summary>
    public static bool Matches(string mime, byte[] content) =>
        Known.Any(k => string.Equals(k.Mime, mime, StringComparison.OrdinalIgnoreCase) && k.Matches(content));

    /// <summary>The type the content is, or null when it is none of the accepted ones.</summary>
    public static string? Detect(byte[] content) => Known.FirstOrDefault(k => k.Matches(content)).Mime;
}

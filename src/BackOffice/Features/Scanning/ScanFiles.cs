namespace BackOffice.Features.Scanning;

/// <summary>What the Scanstelle takes: PDF and (multi-page) TIFF, told by their first bytes, not their names alone.</summary>
public static class ScanFiles
{
    public enum Kind { Unknown, Pdf, Tiff }

    public static bool HasScanExtension(string name) =>
        Path.GetExtension(name).ToLowerInvariant() is ".pdf" or ".tif" or ".tiff";

    public static Kind KindOf(ReadOnlySpan<byte> head) =>
        head.StartsWith("%PDF-"u8) ? Kind.Pdf
        : head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8) ? Kind.Tiff
        : Kind.Unknown;

    /// <summary>A name for the kept copy: letters, digits, dot, dash and underscore; the rest becomes "_".</summary>
    public static string SafeName(string name)
    {
        var safe = new string(Path.GetFileName(name).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray());
        return safe.Length == 0 ? "scan" : safe[..Math.Min(safe.Length, 120)];
    }

    /// <summary>Files a scanner may still be writing or that are not scans (hidden, temporary) are left alone.</summary>
    public static bool IsCandidate(string name) =>
        !name.StartsWith('.') && !name.StartsWith('~') && HasScanExtension(name);
}

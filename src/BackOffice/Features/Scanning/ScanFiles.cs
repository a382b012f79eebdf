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

    /// <summary>
    /// Whether the file reads as whole: a PDF ends with "%%EOF" (a scanner that paused mid-file has not written it yet),
    /// a TIFF's chain of image directories lies inside the file. Anything else cannot tell; the watcher then waits longer.
    /// </summary>
    public static bool LooksComplete(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (file.Length < 8) return false;
        var head = new byte[8];
        file.ReadExactly(head);
        switch (KindOf(head))
        {
            case Kind.Pdf:
                var tail = new byte[(int)Math.Min(2048, file.Length)];
                file.Seek(-tail.Length, SeekOrigin.End);
                file.ReadExactly(tail);
                return tail.AsSpan().IndexOf("%%EOF"u8) >= 0;
            case Kind.Tiff:
                var little = head[0] == (byte)'I';
                uint U32(ReadOnlySpan<byte> b) => little ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(b) : System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(b);
                ushort U16(ReadOnlySpan<byte> b) => little ? System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(b) : System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(b);
                var offset = U32(head.AsSpan(4));
                var buffer = new byte[12];
                for (var i = 0; offset != 0 && i < 10_000; i++)
                {
                    if (offset + 2 > file.Length) return false;
                    file.Seek(offset, SeekOrigin.Begin);
                    file.ReadExactly(buffer.AsSpan(0, 2));
                    var entries = U16(buffer);
                    var next = offset + 2 + entries * 12L;
                    if (next + 4 > file.Length) return false;
                    file.Seek(next, SeekOrigin.Begin);
                    file.ReadExactly(buffer.AsSpan(0, 4));
                    offset = U32(buffer);
                }
                return offset == 0;
            default:
                return false;
        }
    }

    /// <summary>Files a scanner may still be writing or that are not scans (hidden, temporary) are left alone.</summary>
    public static bool IsCandidate(string name) =>
        !name.StartsWith('.') && !name.StartsWith('~') && HasScanExtension(name);
}

using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace BackOffice.Infrastructure;

/// <summary>
/// Checks an uploaded Office package (a zip of XML parts) before any library opens it: bounded entry count, bounded
/// unpacked size of each part and of the whole (counted while unpacking, not taken from the headers, which a bomb
/// fakes), a bounded packing ratio, entry names without path tricks, and XML without a DTD. What is refused gets a
/// German reason; nothing of the package is kept in memory beyond one buffer.
/// </summary>
public static class ZipPackages
{
    /// <param name="Unreadable">What a file that is no zip at all is told, in German.</param>
    public sealed record Limits(int MaxEntries = 2_000, long MaxPartBytes = 50L * 1024 * 1024, long MaxTotalBytes = 200L * 1024 * 1024, int MaxRatio = 200,
        string Unreadable = "Die Datei ist kein lesbares Office-Dokument.");

    /// <summary>Parts smaller than this may pack better than the ratio: a sheet of empty rows packs 1:1000 and is harmless.</summary>
    private const long RatioFloorBytes = 1024 * 1024;

    public static readonly Limits Default = new();
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>Null when the package may be opened; else why not, in German.</summary>
    public static string? Problem(byte[] content, Limits? limits = null, CancellationToken ct = default)
    {
        limits ??= Default;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, false), ZipArchiveMode.Read);
            if (zip.Entries.Count > limits.MaxEntries)
                return string.Create(German, $"Die Datei besteht aus {zip.Entries.Count:N0} Teilen; mehr als {limits.MaxEntries:N0} hat keine Arbeitsmappe. Sie wird nicht geöffnet.");
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            long total = 0;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                if (NameProblem(entry.FullName) is { } bad) return bad;
                if (!names.Add(entry.FullName)) return $"Die Datei enthält den Teil „{PlainText.Visible(entry.FullName)}“ zweimal. Sie wird nicht geöffnet.";
                if (entry.FullName.EndsWith('/')) continue;
                // What the headers declare is checked first (cheap); what unpacks is counted below, in case they lie.
                if (entry.Length > RatioFloorBytes && entry.Length > (entry.CompressedLength + 1) * limits.MaxRatio) return Bomb(entry, limits);
                if (entry.Length > limits.MaxPartBytes || total + entry.Length > limits.MaxTotalBytes) return TooLarge(limits);
                long size = 0;
                using (var stream = entry.Open())
                    for (int read; (read = stream.Read(buffer)) > 0;)
                    {
                        ct.ThrowIfCancellationRequested();
                        size += read;
                        total += read;
                        if (size > RatioFloorBytes && size > (entry.CompressedLength + 1) * limits.MaxRatio) return Bomb(entry, limits);
                        if (size > limits.MaxPartBytes || total > limits.MaxTotalBytes) return TooLarge(limits);
                    }
                if (IsXml(entry.FullName) && XmlProblem(entry) is { } xml) return xml;
            }
            return null;
        }
        catch (InvalidDataException)
        {
            return limits.Unreadable;
        }
    }

    private static string Bomb(ZipArchiveEntry entry, Limits limits) =>
        $"Ein Teil der Datei („{PlainText.Visible(entry.FullName)}“) ist mehr als {limits.MaxRatio}-fach gepackt, wie es nur eine Zip-Bombe ist. Sie wird nicht geöffnet.";

    private static string TooLarge(Limits limits) =>
        string.Create(German, $"Die Datei entpackt sich auf mehr als {limits.MaxTotalBytes / 1024 / 1024:N0} MB (ein Teil höchstens {limits.MaxPartBytes / 1024 / 1024:N0} MB). Eine Arbeitsmappe dieser Größe wird nicht geöffnet.");

    /// <summary>Names a zip may not carry: anything that could leave the package's own folder when unpacked.</summary>
    public static string? NameProblem(string name)
    {
        var refused = $"Die Datei enthält einen Teil mit dem unzulässigen Namen „{PlainText.Visible(name)}“ (ein Pfad außerhalb des Archivs). Sie wird nicht geöffnet.";
        if (name.Length == 0 || name.Length > 400) return refused;
        if (name.StartsWith('/') || name.Contains('\\') || name.Contains(':') || name.Any(PlainText.IsUnsafe)) return refused;
        if (name.Split('/').Any(segment => segment is ".." or ".")) return refused;
        return null;
    }

    private static bool IsXml(string name) => name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".vml", StringComparison.OrdinalIgnoreCase);

    /// <summary>A DTD in a part (entity expansion, external entities) is refused; the part is read once more, streamed.</summary>
    private static string? XmlProblem(ZipArchiveEntry entry)
    {
        try
        {
            using var stream = entry.Open();
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true });
            while (reader.Read()) { }
            return null;
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return $"Der Teil „{PlainText.Visible(entry.FullName)}“ der Datei enthält eine Dokumenttyp-Definition (DTD); Arbeitsmappen aus Excel oder LibreOffice haben keine. Sie wird nicht geöffnet.";
        }
        catch (XmlException)
        {
            return $"Der Teil „{PlainText.Visible(entry.FullName)}“ der Datei ist kein gültiges XML. Sie wird nicht geöffnet.";
        }
    }
}

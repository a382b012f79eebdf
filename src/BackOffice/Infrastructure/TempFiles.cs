namespace BackOffice.Infrastructure;

/// <summary>
/// Names of files being written (written whole under a temporary name, then moved into place). The name carries the
/// writing instance, so that an instance starting up removes what it left when it was killed, and never what another
/// instance on the same shared directory is writing right now; what instances that no longer exist left goes after a day.
/// </summary>
public static class TempFiles
{
    public const string Pattern = "*.tmp";
    private static readonly TimeSpan Abandoned = TimeSpan.FromDays(1);

    public static string For(string path, string instance) => $"{path}.{Tag(instance)}~{Guid.NewGuid():N}.tmp";

    /// <summary>Whether <paramref name="file"/> is a leftover of this instance's earlier life, or of anybody's a day ago.</summary>
    public static bool IsLeftover(string file, string instance) =>
        Path.GetFileName(file).Contains($".{Tag(instance)}~", StringComparison.Ordinal)
        || File.GetLastWriteTimeUtc(file) < DateTime.UtcNow - Abandoned;

    /// <summary>Deletes this instance's leftovers under <paramref name="root"/>; returns how many.</summary>
    public static int RemoveLeftovers(string root, string instance, SearchOption depth)
    {
        if (!Directory.Exists(root)) return 0;
        var count = 0;
        foreach (var file in Directory.GetFiles(root, Pattern, depth))
        {
            if (!IsLeftover(file, instance)) continue;
            try { File.Delete(file); count++; }
            catch (FileNotFoundException) { }
        }
        return count;
    }

    private static string Tag(string instance) => new(instance.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_').ToArray());
}

using BackOffice.Data;
using BackOffice.Infrastructure;

namespace BackOffice.Features.Documents;

/// <summary>
/// Files that become documents (an upload registered in the inbox, documents added to a case, a new version): checked
/// by their content, not their names, and their bytes stored before any row names them.
/// </summary>
public static class NewDocuments
{
    public sealed record Typed(PickedFiles.File File, string Mime);

    /// <summary>The files with their types, or why none may be taken: one wrong file refuses them all.</summary>
    public static (IReadOnlyList<Typed> Files, string? Error) Check(IReadOnlyList<PickedFiles.File> files)
    {
        if (files.Count == 0) return ([], "Bitte mindestens eine Datei wählen.");
        if (files.Select(f => PlainText.FileNameProblem(f.Name)).FirstOrDefault(p => p is not null) is { } badName) return ([], badName);
        var typed = files.Select(f => new Typed(f, FileTypes.Detect(f.Content)!)).ToList();
        if (typed.FirstOrDefault(t => t.Mime is null) is { } bad)
            return ([], $"„{PlainText.FileName(bad.File.Name)}“ ist keine {FileTypes.AllowedText}-Datei.");
        return (typed, null);
    }

    /// <summary>
    /// As <see cref="Check"/>, and every PDF must open: poppler's pdfinfo reads it, as the Scanstelle does. A damaged
    /// or password-protected PDF would be kept and then show only the browser's English error.
    /// </summary>
    public static async Task<(IReadOnlyList<Typed> Files, string? Error)> CheckAsync(IReadOnlyList<PickedFiles.File> files, CancellationToken ct = default)
    {
        var (typed, error) = Check(files);
        if (error is not null) return (typed, error);
        foreach (var t in typed.Where(t => t.Mime == "application/pdf"))
            if (await PdfProblemAsync(t.File, ct) is { } problem) return ([], problem);
        return (typed, null);
    }

    private static async Task<string?> PdfProblemAsync(PickedFiles.File file, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"backoffice-check-{Guid.NewGuid():N}.pdf");
        try
        {
            await File.WriteAllBytesAsync(path, file.Content, ct);
            var info = await ExternalTool.RunAsync("pdfinfo", [path], TimeSpan.FromSeconds(30), ct);
            var name = PlainText.FileName(file.Name);
            if (info.ExitCode == 127) return null; // pdfinfo not installed: the type check above stands alone
            if (info.Errors.Contains("Incorrect password", StringComparison.OrdinalIgnoreCase))
                return $"„{name}“ ist kennwortgeschützt und lässt sich nicht anzeigen. Bitte ohne Kennwort speichern.";
            return info.Succeeded ? null : $"„{name}“ ist beschädigt oder kein lesbares PDF.";
        }
        finally { File.Delete(path); }
    }

    /// <summary>Stores the bytes and returns the first version of each (not yet added to a context).</summary>
    public static async Task<List<DocumentVersion>> StoreAsync(DocumentStore store, IReadOnlyList<Typed> files, DateTime now, string? userId, CancellationToken ct = default)
    {
        var versions = new List<DocumentVersion>();
        foreach (var (file, mime) in files)
            versions.Add(new DocumentVersion
            {
                Number = 1, Sha256 = await store.PutAsync(file.Content, ct), Size = file.Content.Length, MimeType = mime,
                FileName = PlainText.FileName(file.Name), CreatedAt = now, CreatedById = userId,
            });
        return versions;
    }

    /// <summary>A document's title from its file name: "Gehaltsnachweis März" for "Gehaltsnachweis März.pdf".</summary>
    public static string TitleOf(DocumentVersion v) => Path.GetFileNameWithoutExtension(v.FileName) is { Length: > 0 } t ? t : v.FileName;
}

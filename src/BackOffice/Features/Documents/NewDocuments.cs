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

using BackOffice.Data;
using BackOffice.Features.Access;
using BackOffice.Features.Files;

namespace BackOffice.Features.Inbox;

/// <summary>A clerk registers an item by uploading files: checked by content, stored, then item and documents in one transaction.</summary>
public sealed class RegisterUpload(UserDb userDb, DocumentStore store, InboxEvents events)
{
    public const long MaxFileBytes = 20 * 1024 * 1024;
    public const int MaxFiles = 20;

    public sealed record UploadedFile(string Name, byte[] Content);

    /// <summary>Returns the new registration number, or an error text for the clerk (nothing is then written).</summary>
    public async Task<(string? Number, string? Error)> RegisterAsync(int unitId, string subject, string sender, IReadOnlyList<UploadedFile> files, string? userId)
    {
        if (string.IsNullOrWhiteSpace(subject)) return (null, "Bitte einen Betreff angeben.");
        if (files.Count == 0) return (null, "Bitte mindestens eine Datei wählen.");
        var typed = files.Select(f => (File: f, Mime: FileTypes.Detect(f.Content))).ToList();
        if (typed.FirstOrDefault(t => t.Mime is null) is { File: { } bad })
            return (null, $"„{bad.Name}“ ist keine {FileTypes.AllowedText}-Datei. Es wurde nichts registriert.");

        await using var db = await userDb.OpenAsync();
        if (!db.Scope.Contains(unitId)) return (null, "Für diese Organisationseinheit dürfen Sie nichts registrieren.");

        var stored = new List<(UploadedFile File, string Mime, string Sha)>();
        foreach (var (file, mime) in typed) stored.Add((file, mime!, await store.PutAsync(file.Content))); // bytes before rows

        await using var tx = await db.Database.BeginTransactionAsync();
        var now = DateTime.UtcNow;
        var item = new InboxItem
        {
            Number = InboxNumbers.Format(now, await InboxNumbers.NextAsync(db, now)), Channel = Channel.Upload, ReceivedAt = now,
            UnitId = unitId, State = InboxState.Neu, Subject = subject.Trim(), Sender = string.IsNullOrWhiteSpace(sender) ? "unbekannt" : sender.Trim(),
        };
        foreach (var (file, mime, sha) in stored)
            item.Documents.Add(new Document
            {
                UnitId = unitId, Title = Path.GetFileNameWithoutExtension(file.Name), CreatedAt = now,
                Versions = [new DocumentVersion { Number = 1, Sha256 = sha, Size = file.Content.Length, MimeType = mime, FileName = Path.GetFileName(file.Name), CreatedAt = now, CreatedById = userId }],
            });
        db.InboxItems.Add(item);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        events.Publish(unitId);
        return (item.Number, null);
    }
}

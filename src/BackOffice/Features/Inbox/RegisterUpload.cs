using BackOffice.Features.Documents;
using BackOffice.Data;
using BackOffice.Features.Access;
using BackOffice.Features.Files;
using BackOffice.Infrastructure;

namespace BackOffice.Features.Inbox;

/// <summary>A clerk registers an item by uploading files: checked by content, stored, then item and documents in one transaction.</summary>
public sealed class RegisterUpload(UserDb userDb, DocumentStore store, InboxEvents events)
{
    public const long MaxFileBytes = 20 * 1024 * 1024;
    public const int MaxFiles = 20;

    public const int MaxSubjectLength = 300, MaxSenderLength = 200;

    public sealed record UploadedFile(string Name, byte[] Content);

    /// <summary>
    /// How the item came and when: paper post (scanned here) or a file someone handed in; <see cref="ReceivedOn"/> is
    /// the local day it arrived (a letter opened on Monday may have come on Friday), null for today.
    /// </summary>
    public sealed record Arrival(Channel Channel = Channel.Upload, DateOnly? ReceivedOn = null);

    /// <summary>Returns the new registration number, or an error text for the clerk (nothing is then written).</summary>
    public async Task<(string? Number, string? Error)> RegisterAsync(int unitId, string subject, string sender, IReadOnlyList<UploadedFile> files, string? userId, Arrival? arrival = null)
    {
        arrival ??= new Arrival();
        subject = PlainText.Clean(subject) ?? "";
        sender = PlainText.Clean(sender) ?? "";
        if (subject.Length == 0) return (null, "Bitte einen Betreff angeben.");
        if (subject.Length > MaxSubjectLength) return (null, $"Der Betreff ist {subject.Length:N0} Zeichen lang; höchstens {MaxSubjectLength} sind möglich. Bitte kürzen.");
        if (sender.Length > MaxSenderLength) return (null, $"Der Absender ist {sender.Length:N0} Zeichen lang; höchstens {MaxSenderLength} sind möglich. Bitte kürzen.");
        if (arrival.Channel is not (Channel.Papier or Channel.Upload)) return (null, "Bitte „Papierpost“ oder „Datei-Upload“ wählen.");
        var today = DateOnly.FromDateTime(Labels.Local(DateTime.UtcNow));
        if (arrival.ReceivedOn > today) return (null, "Das Eingangsdatum liegt in der Zukunft. Bitte das Datum wählen, an dem das Schreiben ankam.");
        if (arrival.ReceivedOn < today.AddYears(-1)) return (null, "Das Eingangsdatum liegt mehr als ein Jahr zurück. Bitte das Datum prüfen.");
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
        // An earlier day counts from that day's start of business; today is now.
        var receivedAt = arrival.ReceivedOn is { } day && day < today ? LocalDays.Start(day).AddHours(8) : now;
        var item = new InboxItem
        {
            Number = InboxNumbers.Format(now, await InboxNumbers.NextAsync(db, now)), Channel = arrival.Channel, ReceivedAt = receivedAt,
            UnitId = unitId, RegisteredUnitId = unitId, State = InboxState.Neu, Subject = subject, Sender = sender.Length == 0 ? "unbekannt" : sender,
        };
        foreach (var (file, mime, sha) in stored)
            item.Documents.Add(new Document
            {
                UnitId = unitId, Title = Path.GetFileNameWithoutExtension(PlainText.FileName(file.Name)), CreatedAt = now,
                Versions = [new DocumentVersion { Number = 1, Sha256 = sha, Size = file.Content.Length, MimeType = mime, FileName = PlainText.FileName(file.Name), CreatedAt = now, CreatedById = userId }],
            });
        db.InboxItems.Add(item);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        events.Publish(unitId);
        return (item.Number, null);
    }
}

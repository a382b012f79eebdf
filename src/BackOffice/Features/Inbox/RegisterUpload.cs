using BackOffice.Features.Documents;
using BackOffice.Data;
using BackOffice.Features.Access;
using BackOffice.Features.Files;
using BackOffice.Infrastructure;

namespace BackOffice.Features.Inbox;

/// <summary>A clerk registers an item by uploading files: checked by content, stored, then item and documents in one transaction.</summary>
public sealed class RegisterUpload(UserDb userDb, DocumentStore store, InboxEvents events)
{
    public const int MaxSubjectLength = 300, MaxSenderLength = 200;

    /// <summary>
    /// How the item came and when: paper post (scanned here) or a file someone handed in; <see cref="ReceivedOn"/> is
    /// the local day it arrived (a letter opened on Monday may have come on Friday), null for today.
    /// </summary>
    public sealed record Arrival(Channel Channel = Channel.Upload, DateOnly? ReceivedOn = null);

    /// <summary>
    /// What is wrong with a registered letter's subject, sender (both cleaned) and day of arrival, or null. One rule for
    /// uploads and the Scanstelle's confirmed scans.
    /// </summary>
    public static string? LetterProblem(string subject, string sender, DateOnly? receivedOn)
    {
        if (subject.Length == 0) return "Bitte einen Betreff angeben.";
        if (subject.Length > MaxSubjectLength) return $"Der Betreff ist {subject.Length:N0} Zeichen lang; höchstens {MaxSubjectLength} sind möglich. Bitte kürzen.";
        if (sender.Length > MaxSenderLength) return $"Der Absender ist {sender.Length:N0} Zeichen lang; höchstens {MaxSenderLength} sind möglich. Bitte kürzen.";
        var today = LocalDays.Today();
        if (receivedOn > today) return "Das Eingangsdatum liegt in der Zukunft. Bitte das Datum wählen, an dem das Schreiben ankam.";
        if (receivedOn < today.AddYears(-1)) return "Das Eingangsdatum liegt mehr als ein Jahr zurück. Bitte das Datum prüfen.";
        return null;
    }

    /// <summary>An earlier day counts from that day's start of business; today (or no day) is now.</summary>
    public static DateTime ReceivedAt(DateOnly? day, DateTime now) =>
        day is { } d && d < LocalDays.Today() ? LocalDays.Start(d).AddHours(8) : now;

    /// <summary>The new registration number, or why not for the clerk (nothing is then written).</summary>
    public async Task<Outcome<string>> RegisterAsync(int unitId, string subject, string sender, IReadOnlyList<PickedFiles.File> files, string? userId, Arrival? arrival = null)
    {
        arrival ??= new Arrival();
        subject = PlainText.Clean(subject) ?? "";
        sender = PlainText.Clean(sender) ?? "";
        if (LetterProblem(subject, sender, arrival.ReceivedOn) is { } problem) return Outcome.Refused(problem);
        if (arrival.Channel is not (Channel.Papier or Channel.Upload)) return Outcome.Refused("Bitte „Papierpost“ oder „Datei-Upload“ wählen.");
        var (typed, refused) = await NewDocuments.CheckAsync(files);
        if (refused is not null) return Outcome.Refused($"{refused} Es wurde nichts registriert.");

        await using var db = await userDb.OpenAsync();
        if (!db.Scope.Contains(unitId)) return Outcome.Refused("Für diese Organisationseinheit dürfen Sie nichts registrieren.");

        var versions = await NewDocuments.StoreAsync(store, typed, DateTime.UtcNow, userId); // bytes before rows

        await using var tx = await db.Database.BeginTransactionAsync();
        var now = DateTime.UtcNow;
        // An earlier day counts from that day's start of business; today is now.
        var receivedAt = ReceivedAt(arrival.ReceivedOn, now);
        var item = new InboxItem
        {
            Number = InboxNumbers.Format(now, await InboxNumbers.NextAsync(db, now)), Channel = arrival.Channel, ReceivedAt = receivedAt,
            UnitId = unitId, RegisteredUnitId = unitId, State = InboxState.Neu, Subject = subject, Sender = sender.Length == 0 ? "unbekannt" : sender,
        };
        foreach (var version in versions)
            item.Documents.Add(new Document { UnitId = unitId, Title = NewDocuments.TitleOf(version), CreatedAt = now, Versions = [version] });
        db.InboxItems.Add(item);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        events.Publish(unitId);
        return Outcome.Made(item.Number, $"Eingang {item.Number} ist registriert.");
    }
}

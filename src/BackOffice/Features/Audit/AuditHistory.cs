using System.Text.Json;
using BackOffice.Data;
using BackOffice.Features.Files;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Audit;

/// <summary>
/// The history of a case or file from the audit trail (issue 11): who did what and when, including who opened it,
/// in German. The caller names the records that belong to it (the case, its notes, documents, versions, status changes),
/// all of which it could read itself; each type is one query on the (EntityType, EntityId) index.
/// </summary>
public static class AuditHistory
{
    public const int MaxEntries = 300;

    public sealed record Entry(DateTime At, string Who, string What);

    /// <summary>The records a history covers, by type, with a name for each where the text should say which one.</summary>
    public sealed class Subjects
    {
        internal readonly Dictionary<string, Dictionary<string, string>> ByType = [];

        public Subjects Add(string type, object id, string name = "")
        {
            if (!ByType.TryGetValue(type, out var ids)) ByType[type] = ids = [];
            ids[id.ToString()!] = name;
            return this;
        }
    }

    public static async Task<IReadOnlyList<Entry>> ForAsync(BackOfficeDb db, Subjects subjects, CancellationToken ct = default)
    {
        var events = new List<AuditEvent>();
        foreach (var (type, ids) in subjects.ByType)
        {
            var keys = ids.Keys.ToList();
            events.AddRange(await db.AuditEvents.AsNoTracking().Where(e => e.EntityType == type && keys.Contains(e.EntityId))
                .OrderByDescending(e => e.Id).Take(MaxEntries).ToListAsync(ct));
        }
        var newest = WithoutEchoes(events.OrderByDescending(e => e.Id).Take(MaxEntries).ToList());
        // A deputy's actions are recorded as "otto i. V. anna": both by their names.
        var actors = newest.Select(e => Access.Deputies.SplitActor(e.Actor)).SelectMany(a => new[] { a.Actor, a.Represented }).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => actors.Contains(u.UserName!)).ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, ct);
        string Name(string userName) => names.GetValueOrDefault(userName) ?? userName;
        string Who(string actor) => Access.Deputies.SplitActor(actor) is (var a, { } r) ? $"{Name(a)} (in Vertretung für {Name(r)})" : Name(actor);
        return newest.Select(e => new Entry(e.At, Who(e.Actor), Describe(e, subjects.ByType[e.EntityType].GetValueOrDefault(e.EntityId) ?? ""))).ToList();
    }

    /// <summary>
    /// Every property of the records a history covers, in the words a clerk uses; what follows from another change (the
    /// status's date, the processing time) is named by what was changed. A test checks that none is missing.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> FieldNames = new Dictionary<string, string>
    {
        ["Reference"] = "Aktenzeichen", ["Sequence"] = "Aktenzeichen", ["CaseFileId"] = "Akte", ["FilePlanEntryId"] = "Aktenplaneintrag",
        ["UnitId"] = "Organisationseinheit", ["ServiceId"] = "Leistung", ["MunicipalityId"] = "Gemeinde", ["Subject"] = "Betreff",
        ["ApplicantName"] = "Antragsteller", ["ApplicantBirthDate"] = "Geburtsdatum", ["ApplicantAddress"] = "Anschrift", ["Channel"] = "Eingangskanal",
        ["Status"] = "Status", ["StatusChangedAt"] = "Status", ["ReceivedAt"] = "Eingangsdatum", ["DueAt"] = "Frist",
        ["DecidedAt"] = "Entscheidung", ["ProcessingHours"] = "Entscheidung", ["ClosedAt"] = "Abschluss", ["AssigneeId"] = "Zuständigkeit",
        ["ResubmitAt"] = "Wiedervorlage", ["ResubmitNote"] = "Wiedervorlage", ["Title"] = "Titel", ["Type"] = "Art", ["Text"] = "Text",
        ["TextProblem"] = "Text", ["TransferNote"] = "Transfervermerk", ["CreatedAt"] = "Anlagedatum", ["RetainUntil"] = "Aufbewahrungsfrist", ["ArchivePackageSha256"] = "Aussonderung",
        ["ArchivedAt"] = "Aussonderung", ["CaseId"] = "Vorgang", ["InboxItemId"] = "Eingang", ["DocumentId"] = "Dokument", ["Number"] = "Versionsnummer",
        ["Sha256"] = "Inhalt", ["Size"] = "Inhalt", ["MimeType"] = "Dateiart", ["FileName"] = "Dateiname", ["CreatedById"] = "Verfasser",
        ["AuthorId"] = "Verfasser", ["AuthorName"] = "Verfasser", ["ChangedAt"] = "Zeitpunkt", ["UserId"] = "Bearbeiter", ["Reason"] = "Grund",
    };

    /// <summary>Use cases that write an event of their own, saying more than the row change they cause.</summary>
    private static readonly HashSet<string> Explained = ["case-deadline", "case-service", "case-assigned", "letter-approved"];

    /// <summary>
    /// A use case's own event ("hat die Frist geändert: 15.01.2027: …") and the row change it caused ("hat Frist
    /// geändert") are one action: the row change is left out when the same record has such an event in the same second.
    /// </summary>
    internal static List<AuditEvent> WithoutEchoes(List<AuditEvent> events)
    {
        var explained = events.Where(e => Explained.Contains(e.Action)).Select(e => (e.EntityType, e.EntityId, Second(e.At))).ToHashSet();
        return events.Where(e => e.Action != "changed" || !explained.Contains((e.EntityType, e.EntityId, Second(e.At)))).ToList();
    }

    private static long Second(DateTime at) => at.Ticks / TimeSpan.TicksPerSecond;

    /// <summary>The record an event is about, as the sentence names it.</summary>
    private static string Thing(string type, string name) => type switch
    {
        nameof(Case) => $"den Vorgang{Named(name)}",
        nameof(CaseFile) => "die Akte",
        nameof(Document) => $"das Dokument „{name}“",
        nameof(DocumentVersion) => $"eine Version von „{name}“",
        nameof(CaseNote) => "einen Vermerk",
        nameof(CaseStatusChange) => "den Status",
        _ => "einen Eintrag",
    };

    /// <summary>One event in words: "hat den Vorgang geöffnet", "Status: in Bearbeitung (Grund: …)".</summary>
    public static string Describe(AuditEvent e, string name) => (e.EntityType, e.Action) switch
    {
        (_, "read") => $"hat {Thing(e.EntityType, name)} geöffnet",
        (_, "read-denied") => $"wollte {Thing(e.EntityType, name)} öffnen, ohne dafür berechtigt zu sein (abgelehnt)",
        (nameof(CaseNote), "created") => "hat einen Vermerk geschrieben",
        (nameof(Document), "created") => $"hat das Dokument „{name}“ hinzugefügt",
        (nameof(DocumentVersion), "created") => $"hat eine Version von „{name}“ gespeichert",
        (nameof(CaseStatusChange), "created") => StatusText(e.Details),
        (_, "created") => $"hat {Thing(e.EntityType, name)} angelegt",
        (_, "deleted") => $"hat {Thing(e.EntityType, name)} gelöscht",
        (nameof(Case), "case-assigned") => $"hat den Vorgang{Named(name)} {e.Details} zugewiesen",
        (nameof(Case), "case-deadline") => $"hat die Frist{(name.Length > 0 ? $" von {name}" : "")} geändert: {e.Details}",
        (nameof(Case), "case-service") => $"hat Leistung und Gemeinde{(name.Length > 0 ? $" von {name}" : "")} gesetzt: {e.Details}",
        (nameof(Case), "letter-submitted") => $"hat den Bescheid „{e.Details}“ zur Schlusszeichnung vorgelegt",
        (nameof(Case), "letter-withdrawn") => $"hat den Bescheid „{e.Details}“ von der Schlusszeichnung zurückgezogen",
        (nameof(Case), "letter-approved") => $"hat den Bescheid „{e.Details}“ schlussgezeichnet; er ist gesendet",
        (nameof(Case), "letter-returned") => $"hat den Bescheid zur Überarbeitung zurückgegeben: {e.Details}",
        (nameof(CaseFile), "archive-exported") => "hat die Akte für die Aussonderung exportiert",
        (nameof(Document), "changed") when Fields(e.Details) == "Vorgang" => $"hat das Dokument „{name}“ dem Vorgang zugeordnet",
        (_, "changed") => $"hat {Fields(e.Details)} geändert{(name.Length > 0 ? $" („{name}“)" : "")}",
        _ => $"hat {Thing(e.EntityType, name)} bearbeitet",
    };

    private static string Named(string name) => name.Length > 0 ? $" {name}" : "";

    private static string StatusText(string? details)
    {
        var values = Values(details);
        var status = values.GetValueOrDefault("Status") is { ValueKind: JsonValueKind.Number } s ? Labels.Of((CaseStatus)s.GetInt32()) : "?";
        var reason = values.GetValueOrDefault("Reason") is { ValueKind: JsonValueKind.String } r ? $" (Grund: {r.GetString()})" : "";
        return $"hat den Status „{status}“ gesetzt{reason}";
    }

    private static string Fields(string? details)
    {
        var fields = Values(details).Keys.Select(k => FieldNames.GetValueOrDefault(k, "weitere Angaben")).Distinct().ToList();
        return fields.Count == 0 ? "etwas" : string.Join(", ", fields);
    }

    private static Dictionary<string, JsonElement> Values(string? details)
    {
        if (string.IsNullOrEmpty(details) || details[0] != '{') return [];
        try { return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(details) ?? []; }
        catch (JsonException) { return []; }
    }
}

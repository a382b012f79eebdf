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
        var newest = events.OrderByDescending(e => e.Id).Take(MaxEntries).ToList();
        // A deputy's actions are recorded as "otto i. V. anna": both by their names.
        var actors = newest.Select(e => Access.Deputies.SplitActor(e.Actor)).SelectMany(a => new[] { a.Actor, a.Represented }).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => actors.Contains(u.UserName!)).ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, ct);
        string Name(string userName) => names.GetValueOrDefault(userName) ?? userName;
        string Who(string actor) => Access.Deputies.SplitActor(actor) is (var a, { } r) ? $"{Name(a)} (in Vertretung für {Name(r)})" : Name(actor);
        return newest.Select(e => new Entry(e.At, Who(e.Actor), Describe(e, subjects.ByType[e.EntityType].GetValueOrDefault(e.EntityId) ?? ""))).ToList();
    }

    private static readonly Dictionary<string, string> FieldNames = new()
    {
        ["Status"] = "Status", ["AssigneeId"] = "Zuständigkeit", ["ResubmitAt"] = "Wiedervorlage", ["ResubmitNote"] = "Wiedervorlage",
        ["DueAt"] = "Frist", ["ClosedAt"] = "Abschluss", ["DecidedAt"] = "Entscheidung", ["Title"] = "Titel", ["Type"] = "Art",
        ["ApplicantBirthDate"] = "Geburtsdatum", ["ApplicantAddress"] = "Anschrift", ["Text"] = "Volltext",
    };

    /// <summary>One event in words: "hat den Vorgang geöffnet", "Status: in Bearbeitung (Grund: …)".</summary>
    public static string Describe(AuditEvent e, string name) => (e.EntityType, e.Action) switch
    {
        (nameof(Case), "read") => $"hat den Vorgang{Named(name)} geöffnet",
        (nameof(CaseFile), "read") => "hat die Akte geöffnet",
        (nameof(Document), "read") => $"hat das Dokument „{name}“ geöffnet",
        (nameof(Case), "created") => $"hat den Vorgang{Named(name)} angelegt",
        (nameof(CaseFile), "created") => "hat die Akte angelegt",
        (nameof(Case), "case-assigned") => $"hat den Vorgang{Named(name)} {e.Details} zugewiesen",
        (nameof(Case), "case-deadline") => $"hat die Frist{(name.Length > 0 ? $" von {name}" : "")} geändert: {e.Details}",
        (nameof(CaseNote), "created") => "hat einen Vermerk geschrieben",
        (nameof(Document), "created") => $"hat das Dokument „{name}“ hinzugefügt",
        (nameof(DocumentVersion), "created") => $"hat eine Version von „{name}“ gespeichert",
        (nameof(CaseStatusChange), "created") => StatusText(e.Details),
        (_, "changed") => $"hat {Fields(e.Details)} geändert{(name.Length > 0 ? $" („{name}“)" : "")}",
        _ => $"{e.Action} ({e.EntityType})",
    };

    private static string Named(string name) => name.Length > 0 ? $" {name}" : "";

    private static string StatusText(string? details)
    {
        var values = Values(details);
        var status = values.GetValueOrDefault("Status") is { ValueKind: JsonValueKind.Number } s ? Labels.Of((CaseStatus)s.GetInt32()) : "?";
        var reason = values.GetValueOrDefault("Reason") is { ValueKind: JsonValueKind.String } r ? $" (Grund: {r.GetString()})" : "";
        return $"Status: {status}{reason}";
    }

    private static string Fields(string? details)
    {
        var fields = Values(details).Keys.Select(k => FieldNames.GetValueOrDefault(k, k)).Distinct().ToList();
        return fields.Count == 0 ? "etwas" : string.Join(", ", fields);
    }

    private static Dictionary<string, JsonElement> Values(string? details)
    {
        if (string.IsNullOrEmpty(details) || details[0] != '{') return [];
        try { return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(details) ?? []; }
        catch (JsonException) { return []; }
    }
}

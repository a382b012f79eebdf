namespace BackOffice.Data;

public enum InboxState { Neu = 0, Zugewiesen = 1, Erledigt = 2 }

/// <summary>Eingang: an incoming item, registered with a number, waiting in a unit's inbox.</summary>
public class InboxItem : IUnitOwned
{
    public int Id { get; set; }
    /// <summary>Registration number, e.g. "E-2026-000123".</summary>
    public required string Number { get; set; }
    public Channel Channel { get; set; }
    public DateTime ReceivedAt { get; set; }
    public int UnitId { get; set; }
    public OrgUnit? Unit { get; set; }
    public string? AssigneeId { get; set; }
    public AppUser? Assignee { get; set; }
    public InboxState State { get; set; }
    public required string Subject { get; set; }
    /// <summary>The service applied for, when known (portal applications, items a clerk classified).</summary>
    public int? ServiceId { get; set; }
    public Service? Service { get; set; }
    public string Sender { get; set; } = "";
    public int? CaseId { get; set; }
    public Case? Case { get; set; }
    /// <summary>Wiedervorlage: the item waits until then.</summary>
    public DateTime? ResubmitAt { get; set; }
    /// <summary>The unit that registered the item (the mail room for scanned post); it keeps seeing it in its journal after forwarding.</summary>
    public int? RegisteredUnitId { get; set; }
    /// <summary>The note of the last forwarding.</summary>
    public string? Note { get; set; }
    /// <summary>Raised by every change; two clerks acting on the same item: the second one learns of the first.</summary>
    public int Version { get; set; }
    public List<Document> Documents { get; set; } = [];
}

/// <summary>A list filter a user saved under a name, e.g. "Meine offenen Portalanträge".</summary>
public class SavedFilter
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    /// <summary>The list it belongs to, e.g. "posteingang".</summary>
    public required string Page { get; set; }
    public required string Name { get; set; }
    /// <summary>The filter as JSON, as the page wrote it.</summary>
    public required string Json { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// The full-text index over inbox items (subject, sender, text of their documents and of their case's
/// documents): an SQLite FTS5 table keyed by the item's id, kept current by triggers, so every writer (EF,
/// the demo seed's raw inserts) feeds it. It keeps its own copy of the text, so that FTS5's 'integrity-check'
/// can compare index and content. It is not part of the EF model; the migration creates it from these statements.
/// </summary>
public static class InboxSearchIndex
{
    public const string Table = "InboxSearch";

    // An item's text: its own documents and those of its case (portal applications file theirs in the case), but only
    // documents of the item's own unit: what a unit can search is exactly what it can open.
    private const string ItemText = "coalesce((SELECT group_concat(d.Text, ' ') FROM Documents d WHERE (d.InboxItemId = {0}.Id OR d.CaseId = {0}.CaseId) AND d.UnitId = {0}.UnitId AND d.Text IS NOT NULL), '')";
    private const string Refresh = "INSERT OR REPLACE INTO InboxSearch (rowid, Subject, Sender, Text) ";

    public static readonly string[] Create =
    [
        // remove_diacritics 2: "Muller" finds "Müller"; prefix indexes make "Mül*" cheap.
        "CREATE VIRTUAL TABLE InboxSearch USING fts5(Subject, Sender, Text, prefix='2 3', tokenize='unicode61 remove_diacritics 2')",
        "CREATE TRIGGER InboxSearch_Insert AFTER INSERT ON InboxItems BEGIN " +
            $"{Refresh} VALUES (new.Id, new.Subject, new.Sender, {string.Format(ItemText, "new")}); END",
        "CREATE TRIGGER InboxSearch_Update AFTER UPDATE OF Subject, Sender, CaseId, UnitId ON InboxItems BEGIN " +
            $"{Refresh} VALUES (new.Id, new.Subject, new.Sender, {string.Format(ItemText, "new")}); END",
        "CREATE TRIGGER InboxSearch_Delete AFTER DELETE ON InboxItems BEGIN DELETE FROM InboxSearch WHERE rowid = old.Id; END",
        "CREATE TRIGGER InboxSearch_DocumentText AFTER UPDATE OF Text, UnitId, CaseId, InboxItemId ON Documents BEGIN " +
            $"{Refresh} SELECT i.Id, i.Subject, i.Sender, {string.Format(ItemText, "i")} FROM InboxItems i " +
            "WHERE i.Id IN (new.InboxItemId, old.InboxItemId) OR i.CaseId IN (new.CaseId, old.CaseId); END",
        "CREATE TRIGGER InboxSearch_DocumentInsert AFTER INSERT ON Documents WHEN new.Text IS NOT NULL BEGIN " +
            $"{Refresh} SELECT i.Id, i.Subject, i.Sender, {string.Format(ItemText, "i")} FROM InboxItems i WHERE i.Id = new.InboxItemId OR i.CaseId = new.CaseId; END",
    ];

    /// <summary>Indexes every item anew (the migration, for items that existed before the index).</summary>
    public static string Rebuild => $"{Refresh} SELECT i.Id, i.Subject, i.Sender, {string.Format(ItemText, "i")} FROM InboxItems i";

    public static readonly string[] Drop =
    [
        "DROP TRIGGER InboxSearch_DocumentInsert", "DROP TRIGGER InboxSearch_DocumentText", "DROP TRIGGER InboxSearch_Delete",
        "DROP TRIGGER InboxSearch_Update", "DROP TRIGGER InboxSearch_Insert", "DROP TABLE InboxSearch",
    ];

    /// <summary>
    /// The user's words as an FTS5 query: each word a quoted prefix, all required, in any of its spellings
    /// (<see cref="GermanSpelling"/>). Quoting keeps FTS syntax (AND, NEAR, "*", ":") out of reach of what users type.
    /// Null when nothing searchable is left.
    /// </summary>
    public static string? Query(string text)
    {
        var words = Words(text);
        // Explicit AND: FTS5 does not join a parenthesised group to the next term implicitly.
        return words.Count == 0 ? null : string.Join(" AND ", words.Select(w => GermanSpelling.Variants(w) is { Count: > 1 } v
            ? "(" + string.Join(" OR ", v.Select(x => $"\"{x}\"*")) + ")" : $"\"{w}\"*"));
    }

    /// <summary>A word as an InnoDB boolean-mode term: its spellings as prefixes, any of them ("(mueller* müller*)").</summary>
    public static string MariaDbTerm(string word) => GermanSpelling.Variants(word) is { Count: > 1 } v ? "(" + string.Join(' ', v.Select(x => x + "*")) + ")" : word + "*";

    /// <summary>The words a user typed, as the search takes them (both engines).</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        // Control characters (a NUL from a link, a tab pasted with the text) would end FTS5's quoted string early.
        text = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        var words = text.Split((char[])[' ', ',', ';', '.', '"', '\'', '(', ')', '-', '/', ':', '*', '+', '^', '<', '>', '~', '@'], StringSplitOptions.RemoveEmptyEntries);
        // One-letter words would walk every term with that letter; they only count when nothing else is typed.
        var useful = words.Where(w => w.Length >= 2).ToArray();
        return useful.Length == 0 ? words : useful;
    }
}

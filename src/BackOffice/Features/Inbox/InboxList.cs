using System.Linq.Expressions;
using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Inbox;

/// <summary>The inbox items of the user's units, filtered, sorted and paged on the database (scope from the context).</summary>
public static class InboxList
{
    public const int CountCap = 10_000;

    /// <summary>Open, New and Assigned leave out items waiting for their Wiedervorlage; Waiting lists just those.</summary>
    public enum StateFilter { Open, New, Assigned, Done, All, Waiting }
    public enum AssigneeFilter { All, Me, Unassigned }
    public enum Sort { Newest, Oldest, Sender }

    /// <summary>What the list shows; saved filters store it as JSON, so keep names stable.</summary>
    public sealed record Filter
    {
        public StateFilter State { get; init; } = StateFilter.Open;
        public AssigneeFilter Assignee { get; init; }
        public string? UserId { get; init; }
        public Channel? Channel { get; init; }
        public int? ServiceId { get; init; }
        /// <summary>Beginning of a registration number ("E-2026-…"), or words searched in subject, sender and document text.</summary>
        public string? Text { get; init; }
        public DateTime? ReceivedFrom { get; init; }
        /// <summary>Exclusive.</summary>
        public DateTime? ReceivedTo { get; init; }
        public Sort Sort { get; init; }
    }

    public sealed record Row(int Id, string Number, DateTime ReceivedAt, Channel Channel, string Subject, string Sender, string Unit,
        string? Assignee, int? CaseId, DateTime? DueAt, CaseStatus? CaseStatus, DateTime? ResubmitAt, InboxState State, int Version);

    public sealed record Page(IReadOnlyList<Row> Rows, int Count, bool CountCapped);

    /// <summary>
    /// Not waiting: an item with a Wiedervorlage leaves the working list until that day and comes back on it.
    /// </summary>
    public static Expression<Func<InboxItem, bool>> NotWaiting(DateTime now) => i => i.ResubmitAt == null || i.ResubmitAt <= now;

    /// <summary>New, unassigned items that are not waiting: the number beside "Posteingang" in the navigation.</summary>
    public static Task<int> CountUnassignedAsync(BackOfficeDb db, DateTime now, CancellationToken ct = default) =>
        db.InboxItems.Where(i => i.State == InboxState.Neu && i.AssigneeId == null).Where(NotWaiting(now)).CountAsync(ct);

    public static IQueryable<InboxItem> Apply(BackOfficeDb db, Filter f, DateTime now, IReadOnlyList<WordHits>? hits = null)
    {
        var text = PlainText.Clean(f.Text);
        var words = string.IsNullOrEmpty(text) || InboxNumbers.LooksLikeNumber(text) ? null : InboxSearchIndex.Query(text);
        // Words go to the full-text index; the scope filter and the other filters still apply on top.
        // "+Id" keeps SQLite from fetching every hit by its id (a common word has 100,000s of hits in the whole county):
        // it walks the user's units by the chosen order instead and checks each against the hits, so the cost is
        // bounded by the user's own items, not by the county's.
        var items = words is null ? db.InboxItems
            : db.Database.IsSqlite() ? db.InboxItems.FromSql($"SELECT * FROM InboxItems WHERE +Id IN (SELECT rowid FROM InboxSearch WHERE InboxSearch MATCH {words})")
            : MariaDbSearch(db, InboxSearchIndex.Words(text!), hits ?? []);
        items = items.AsNoTracking();

        // "Open" as two equalities, not a range: SQLite then seeks (UnitId, State, ReceivedAt) twice
        // instead of walking the unit's whole history by date.
        items = f.State switch
        {
            StateFilter.Open => items.Where(i => i.State == InboxState.Neu || i.State == InboxState.Zugewiesen).Where(NotWaiting(now)),
            StateFilter.New => items.Where(i => i.State == InboxState.Neu).Where(NotWaiting(now)),
            StateFilter.Assigned => items.Where(i => i.State == InboxState.Zugewiesen).Where(NotWaiting(now)),
            StateFilter.Waiting => items.Where(i => (i.State == InboxState.Neu || i.State == InboxState.Zugewiesen) && i.ResubmitAt > now),
            StateFilter.Done => items.Where(i => i.State == InboxState.Erledigt),
            _ => items,
        };
        if (f.Assignee == AssigneeFilter.Me) items = items.Where(i => i.AssigneeId == f.UserId);
        if (f.Assignee == AssigneeFilter.Unassigned) items = items.Where(i => i.AssigneeId == null);
        if (f.Channel is { } c) items = items.Where(i => i.Channel == c);
        if (f.ServiceId is { } s) items = items.Where(i => i.ServiceId == s);
        if (f.ReceivedFrom is { } from) items = items.Where(i => i.ReceivedAt >= from);
        if (f.ReceivedTo is { } to) items = items.Where(i => i.ReceivedAt < to);
        if (!string.IsNullOrEmpty(text) && InboxNumbers.LooksLikeNumber(text)) items = InboxNumbers.StartingWith(db, items, text);
        return items;
    }

    /// <summary>
    /// A word's hits on MariaDB, found before the list query: null Ids when there are too many to list; Common when the
    /// word is in so many of the units' items that reading them by date and checking each is faster than the index.
    /// </summary>
    public sealed record WordHits(string Word, IReadOnlyList<int>? Ids, bool Common = false);

    /// <summary>How many of the units' newest items are sampled to tell a common word, and the share that makes it one.</summary>
    private const int CommonWordSample = 2000, CommonWordMinHits = 100;

    /// <summary>Above this many hits of a word in the county, its match is left to the list query itself.</summary>
    private const int MaxListedHits = 20_000;

    /// <summary>
    /// On MariaDB, each word's hits are looked up first, in InnoDB's FULLTEXT indexes (subject and sender of the items,
    /// and the text of documents, which count for items of the document's unit only): a MATCH inside the list query,
    /// OR-ed with the documents, could not use the indexes and made MariaDB score every row of the user's units.
    /// </summary>
    public static async Task<IReadOnlyList<WordHits>> FindHitsAsync(BackOfficeDb db, string? text, CancellationToken ct = default)
    {
        var clean = PlainText.Clean(text);
        if (db.Database.IsSqlite() || string.IsNullOrEmpty(clean) || InboxNumbers.LooksLikeNumber(clean)) return [];
        var found = new List<WordHits>();
        var rare = new List<string>();
        foreach (var word in InboxSearchIndex.Words(clean).Where(w => w.Length >= 3).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            // A word in one of twenty of the newest items (a service's name in its own unit) has 100,000s of hits: InnoDB
            // would spend a quarter second listing them, while reading the newest items and checking each finds a page at once.
            var sampled = await db.InboxItems.OrderByDescending(i => i.ReceivedAt).Take(CommonWordSample)
                .CountAsync(i => i.Subject.Contains(word) || i.Sender.Contains(word), ct);
            if (sampled >= CommonWordMinHits) found.Add(new WordHits(word, null, Common: true));
            else rare.Add(word);
        }
        if (rare.Count == 0) return found;

        // All rare words at once in subject and sender: InnoDB intersects their lists itself ("Müller Anna": 74 hits in
        // 10 ms, where each word alone lists thousands). Within the user's units (the context's scope): MariaDB takes the
        // FULLTEXT index first and drops other units' hits as it reads them.
        var all = string.Join(' ', rare.Select(w => "+" + InboxSearchIndex.MariaDbTerm(w)));
        var bySubject = await db.InboxItems.Where(x => EF.Functions.Match(new[] { x.Subject, x.Sender }, all, MySqlMatchSearchMode.Boolean) > 0)
            .Select(x => x.Id).Take(MaxListedHits + 1).ToListAsync(ct);
        var byDocument = new Dictionary<string, HashSet<int>>();
        foreach (var word in rare) byDocument[word] = [.. await DocumentHitsAsync(db, InboxSearchIndex.MariaDbTerm(word), ct)];
        if (bySubject.Count > MaxListedHits || byDocument.Values.Any(h => h.Count > MaxListedHits))
        {
            found.AddRange(rare.Select(w => new WordHits(w, null)));
            return found;
        }
        // Items with some words only in a document: each other word must be in the subject, the sender or a document too.
        var candidates = byDocument.Values.SelectMany(h => h).Except(bySubject).Distinct().ToList();
        var texts = candidates.Count == 0 ? []
            : await db.InboxItems.Where(i => candidates.Contains(i.Id)).Select(i => new { i.Id, i.Subject, i.Sender }).ToListAsync(ct);
        var throughDocuments = texts.Where(t => rare.All(w => byDocument[w].Contains(t.Id) || HasWord(t.Subject, w) || HasWord(t.Sender, w))).Select(t => t.Id);
        // The same list for each of these words: the list query intersects the words' lists.
        var ids = bySubject.Concat(throughDocuments).Distinct().ToList();
        found.AddRange(rare.Select(w => new WordHits(w, ids)));
        return found;
    }

    /// <summary>Items (of the scope) with the term in a document of their own or of their case, of the item's unit.</summary>
    private static Task<List<int>> DocumentHitsAsync(BackOfficeDb db, string term, CancellationToken ct)
    {
        var documents = db.Documents.Where(d => EF.Functions.Match(d.Text!, term, MySqlMatchSearchMode.Boolean) > 0);
        var items = db.InboxItems.AsQueryable();
        return documents.Where(d => d.InboxItemId != null)
            .Join(items, d => new { Id = d.InboxItemId!.Value, d.UnitId }, x => new { x.Id, x.UnitId }, (d, x) => x.Id)
            .Concat(documents.Where(d => d.CaseId != null)
                .Join(items, d => new { d.CaseId, d.UnitId }, x => new { x.CaseId, x.UnitId }, (d, x) => x.Id))
            .Take(MaxListedHits + 1).ToListAsync(ct);
    }

    /// <summary>A word of the text begins with <paramref name="prefix"/>, as the full-text index matches "prefix*".</summary>
    private static bool HasWord(string text, string prefix) =>
        System.Text.RegularExpressions.Regex.Split(text, @"[^\p{L}\p{N}]+").Any(t => GermanSpelling.Variants(prefix).Any(p => t.StartsWith(p, StringComparison.CurrentCultureIgnoreCase)));

    /// <summary>
    /// The same search on MariaDB: every word, as a prefix, in the subject or sender or in a document of the item (its
    /// own or its case's, of the item's unit: what a unit can search is what it can open). Words with listed hits become
    /// one id list; a very common word is matched in the query. InnoDB does not index words under three letters; those
    /// are matched as the beginning of subject or sender.
    /// </summary>
    private static IQueryable<InboxItem> MariaDbSearch(BackOfficeDb db, IReadOnlyList<string> words, IReadOnlyList<WordHits> hits)
    {
        var items = db.InboxItems.AsQueryable();
        HashSet<int>? listed = null;
        foreach (var word in words)
        {
            if (word.Length < 3)
            {
                items = items.Where(i => i.Subject.StartsWith(word) || i.Sender.StartsWith(word));
                continue;
            }
            var hit = hits.FirstOrDefault(h => h.Word == word);
            if (hit is { Ids: { } ids })
            {
                listed = listed is null ? [.. ids] : [.. listed.Intersect(ids)];
                continue;
            }
            if (hit is { Common: true })
            {
                // Read in the list's order and checked row by row (the word, in any spelling, anywhere in subject, sender or a document).
                var (a, b, c) = GermanSpelling.Three(word);
                items = items.Where(i => i.Subject.Contains(a) || i.Sender.Contains(a) || i.Subject.Contains(b) || i.Sender.Contains(b) || i.Subject.Contains(c) || i.Sender.Contains(c)
                    || db.Documents.Any(d => (d.InboxItemId == i.Id || (i.CaseId != null && d.CaseId == i.CaseId)) && d.UnitId == i.UnitId
                        && (d.Text!.Contains(a) || d.Text.Contains(b) || d.Text.Contains(c))));
                continue;
            }
            var term = InboxSearchIndex.MariaDbTerm(word);
            items = items.Where(i => EF.Functions.Match(new[] { i.Subject, i.Sender }, term, MySqlMatchSearchMode.Boolean) > 0
                || db.Documents.Any(d => (d.InboxItemId == i.Id || (i.CaseId != null && d.CaseId == i.CaseId)) && d.UnitId == i.UnitId
                    && EF.Functions.Match(d.Text!, term, MySqlMatchSearchMode.Boolean) > 0));
        }
        if (listed is not null)
        {
            var ids = listed.ToList();
            items = items.Where(i => ids.Contains(i.Id));
        }
        return items;
    }

    /// <summary>States that select the few items still to work on, not the unit's whole history.</summary>
    private static bool FewRows(StateFilter state) => state is StateFilter.Open or StateFilter.New or StateFilter.Assigned or StateFilter.Waiting;

    public static async Task<Page> QueryAsync(BackOfficeDb db, Filter filter, int skip, int take, CancellationToken ct = default)
    {
        var hits = await FindHitsAsync(db, filter.Text, ct);
        var filtered = Apply(db, filter, DateTime.UtcNow, hits);
        // Numbers are given in order of receipt; sorting a number search by number lets SQLite walk that index.
        var byNumber = filter.Text is { } t && InboxNumbers.LooksLikeNumber(t.Trim());
        // Hits listed by id (a few thousand at most): MariaDB would walk the unit's whole history in the chosen order to
        // avoid a sort and check each row against the list; ordering by expressions makes it fetch the hits and sort those.
        var fewHits = hits.Any(h => h.Ids is not null);
        var sorted = (filter.Sort, byNumber) switch
        {
            (Sort.Sender, false) when fewHits => filtered.OrderBy(i => i.Sender + "").ThenBy(i => i.ReceivedAt.AddSeconds(0)).ThenBy(i => i.Id),
            (Sort.Oldest, false) when fewHits => filtered.OrderBy(i => i.ReceivedAt.AddSeconds(0)).ThenBy(i => i.Id),
            (Sort.Newest, false) when fewHits => filtered.OrderByDescending(i => i.ReceivedAt.AddSeconds(0)).ThenByDescending(i => i.Id),
            // A sender's items in the order they came: the (UnitId, Sender, ReceivedAt) index delivers exactly this.
            (Sort.Sender, _) => filtered.OrderBy(i => i.Sender).ThenBy(i => i.ReceivedAt).ThenBy(i => i.Id),
            (Sort.Oldest, true) => filtered.OrderBy(i => i.Number),
            (_, true) => filtered.OrderByDescending(i => i.Number),
            // The few open items, oldest first: MariaDB would walk the unit's whole history by date to find them; ordering by an
            // expression makes it take (UnitId, State, ReceivedAt) and sort the few instead (SQLite has its partial index).
            (Sort.Oldest, false) when FewRows(filter.State) && !db.Database.IsSqlite() => filtered.OrderBy(i => i.ReceivedAt.AddSeconds(0)).ThenBy(i => i.Id),
            (Sort.Oldest, false) => filtered.OrderBy(i => i.ReceivedAt).ThenBy(i => i.Id),
            _ => filtered.OrderByDescending(i => i.ReceivedAt).ThenByDescending(i => i.Id),
        };
        var rows = await sorted.Skip(skip).Take(take)
            .Select(i => new Row(i.Id, i.Number, i.ReceivedAt, i.Channel, i.Subject, i.Sender, i.Unit!.Name, i.Assignee!.DisplayName, i.CaseId,
                i.Case!.DueAt, i.Case!.Status, i.ResubmitAt, i.State, i.Version))
            .ToListAsync(ct);
        var count = await filtered.Take(CountCap + 1).CountAsync(ct);
        return new Page(rows, Math.Min(count, CountCap), count > CountCap);
    }
}

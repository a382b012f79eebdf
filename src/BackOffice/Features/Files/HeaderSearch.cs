using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Files;

/// <summary>
/// The search in the header (issue 11): files and cases by Aktenzeichen or applicant, documents by the words in their
/// title and text, all within the user's units (the context's scope), newest first, paged on the database. SQLite reads
/// its FTS5 index (DocumentSearch) in id order with the unit beside it; MariaDB its FULLTEXT index, except for words so
/// common that reading the newest documents finds a page sooner.
/// </summary>
public static class HeaderSearch
{
    public const int PageSize = 20, MaxFiles = 10, MaxCases = 10;
    private const int CommonWordSample = 2000, CommonWordMinHits = 40;

    public sealed record FileHit(int Id, string Reference, string Title, DateOnly? BirthDate);
    public sealed record CaseHit(int Id, string Reference, string Subject, CaseStatus Status);
    public sealed record DocumentHit(int Id, string Title, int VersionId, string FileName, DateTime CreatedAt, int? CaseId, string? CaseReference, string? InboxNumber,
        IReadOnlyList<Snippets.Part> Snippet);
    public sealed record ItemHit(string Number, string Subject, string Sender, int? CaseId);
    public sealed record Result(IReadOnlyList<FileHit> Files, IReadOnlyList<CaseHit> Cases, IReadOnlyList<DocumentHit> Documents, bool MoreDocuments,
        IReadOnlyList<ItemHit> Items);
    public const int MaxItems = 10;

    public static async Task<Result> RunAsync(BackOfficeDb db, string? text, int skip = 0, CancellationToken ct = default)
    {
        var clean = PlainText.Clean(text) ?? "";
        var words = InboxSearchIndex.Words(clean);
        if (clean.Length < 2 || words.Count == 0) return new Result([], [], [], false, []);
        // An inbox number ("E-2026-00012…"): the items of the user's units with that beginning.
        if (InboxNumbers.LooksLikeNumber(clean))
        {
            var number = "E" + clean[1..].Trim();
            var items = skip > 0 ? [] : await InboxNumbers.StartingWith(db, db.InboxItems.AsNoTracking(), number).OrderByDescending(i => i.Number).Take(MaxItems)
                .Select(i => new ItemHit(i.Number, i.Subject, i.Sender, i.CaseId)).ToListAsync(ct);
            return new Result([], [], [], false, items);
        }

        IReadOnlyList<FileHit> files = [];
        IReadOnlyList<CaseHit> cases = [];
        if (skip == 0)
        {
            // Sorted by an expression: the engines fetch the few matches through the name or number index and sort them,
            // rather than walking all files by date (as FileList does for its search).
            // A case's Aktenzeichen ("50.1-03929/1") names its file before the slash.
            var fileText = char.IsDigit(clean[0]) && clean.Contains('/') ? clean[..clean.IndexOf('/')] : clean;
            files = await FileSearch.Matching(db.CaseFiles.AsNoTracking(), fileText).OrderByDescending(f => f.CreatedAt.AddSeconds(0)).Take(MaxFiles)
                .Select(f => new FileHit(f.Id, f.Reference, f.Title, f.ApplicantBirthDate)).ToListAsync(ct);
            // The cases of those files (a case carries its file's Aktenzeichen and applicant), or by a case's Aktenzeichen.
            var fileIds = files.Select(f => f.Id).ToList();
            var (from, to) = (clean, clean + char.MaxValue);
            var matching = clean.Contains('/') ? db.Cases.Where(c => c.Reference.CompareTo(from) >= 0 && c.Reference.CompareTo(to) < 0) : db.Cases.Where(c => fileIds.Contains(c.CaseFileId));
            cases = fileIds.Count == 0 && !clean.Contains('/') ? [] : await matching.AsNoTracking()
                .OrderByDescending(c => c.ReceivedAt).Take(MaxCases).Select(c => new CaseHit(c.Id, c.Reference, c.Subject, c.Status)).ToListAsync(ct);
        }

        var ids = db.Database.IsSqlite() ? await SqliteDocumentIdsAsync(db, clean, skip, ct) : await MariaDbDocumentIdsAsync(db, words, skip, ct);
        var more = ids.Count > PageSize;
        var page = ids.Take(PageSize).ToList();
        var rows = await db.Documents.AsNoTracking().Where(d => page.Contains(d.Id))
            .Select(d => new { d.Id, d.Title, d.Text, d.CreatedAt, d.CaseId, CaseReference = d.Case!.Reference, InboxNumber = d.InboxItem!.Number }).ToListAsync(ct);
        // The latest versions in a query of their own: "the first of each" inside the query above made the engines number
        // every version there is.
        var latest = (await db.DocumentVersions.AsNoTracking().Where(v => page.Contains(v.DocumentId)).Select(v => new { v.Id, v.DocumentId, v.Number, v.FileName }).ToListAsync(ct))
            .GroupBy(v => v.DocumentId).ToDictionary(g => g.Key, g => g.MaxBy(v => v.Number)!);
        var documents = rows.Where(r => latest.ContainsKey(r.Id)).OrderByDescending(r => r.Id)
            .Select(r => new DocumentHit(r.Id, r.Title, latest[r.Id].Id, latest[r.Id].FileName, r.CreatedAt, r.CaseId, r.CaseReference, r.InboxNumber, Snippets.Of(r.Text, words)))
            .ToList();
        return new Result(files, cases, documents, more, []);
    }

    /// <summary>One page (and one more row) of document ids, newest first: the FTS5 index read in id order, the unit checked as it reads.</summary>
    private static async Task<List<int>> SqliteDocumentIdsAsync(BackOfficeDb db, string text, int skip, CancellationToken ct)
    {
        var match = InboxSearchIndex.Query(text);
        if (match is null) return [];
        // Unit ids come from the server's own scope (integers): safe to write into the statement.
        var units = db.Scope.All ? "" : $" AND UnitId IN ({string.Join(',', db.Scope.UnitIds.DefaultIfEmpty(-1))})";
        var sql = string.Concat("SELECT rowid AS Value FROM DocumentSearch WHERE DocumentSearch MATCH @match", units,
            " ORDER BY rowid DESC LIMIT ", (PageSize + 1).ToString(), " OFFSET ", skip.ToString());
        return await db.Database.SqlQueryRaw<int>(sql, new SqliteParameter("@match", match)).ToListAsync(ct);
    }

    private static async Task<List<int>> MariaDbDocumentIdsAsync(BackOfficeDb db, IReadOnlyList<string> words, int skip, CancellationToken ct)
    {
        var documents = db.Documents.AsNoTracking();
        var rare = new List<string>();
        foreach (var word in words.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            // InnoDB indexes words of three letters and more; shorter ones, and words in many of the newest documents, are
            // checked on the documents as they are read newest first, which finds a page of a common word at once.
            var (a, b, c) = GermanSpelling.Three(word);
            var common = word.Length < 3 || await documents.OrderByDescending(d => d.Id).Take(CommonWordSample)
                .CountAsync(d => d.Title.Contains(word) || d.Text!.Contains(word), ct) >= CommonWordMinHits;
            if (common) documents = documents.Where(d => d.Title.Contains(a) || d.Text!.Contains(a) || d.Title.Contains(b) || d.Text!.Contains(b) || d.Title.Contains(c) || d.Text!.Contains(c));
            else rare.Add(word);
        }
        if (rare.Count > 0)
        {
            var all = string.Join(' ', rare.Select(w => "+" + InboxSearchIndex.MariaDbTerm(w)));
            documents = documents.Where(d => EF.Functions.Match(new[] { d.Title, d.Text! }, all, MySqlMatchSearchMode.Boolean) > 0);
        }
        return await documents.OrderByDescending(d => d.Id).Skip(skip).Take(PageSize + 1).Select(d => d.Id).ToListAsync(ct);
    }
}

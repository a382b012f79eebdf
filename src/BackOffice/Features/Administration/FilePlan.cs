using System.Globalization;
using System.Text;
using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Administration;

/// <summary>
/// The administration keeps the file plan (issue 11): entries with their retention rule and responsible unit, edited one
/// by one or exported and imported as CSV (semicolon, UTF-8 with BOM, as Excel writes it). An import is checked whole
/// first; one bad line refuses it all, each line named.
/// </summary>
public static class FilePlan
{
    public sealed record Entry(int? Id, string Code, string Title, string? ParentCode, int RetentionYears, string RetentionTrigger, string? UnitKey);

    public static readonly string[] CsvColumns = ["Kennzeichen", "Titel", "Übergeordnet", "Aufbewahrung (Jahre)", "Fristbeginn", "Zuständige Einheit"];

    public static async Task<IReadOnlyList<Entry>> AllAsync(BackOfficeDb db, CancellationToken ct = default)
    {
        var entries = await db.FilePlanEntries.AsNoTracking()
            .Select(e => new { e.ParentId, Entry = new Entry(e.Id, e.Code, e.Title, e.Parent!.Code, e.RetentionYears, e.RetentionTrigger, e.ResponsibleUnit!.Key) }).ToListAsync(ct);
        return TreeOrder.Flatten(entries, e => e.Entry.Id!.Value, e => e.ParentId, e => e.Entry.Code, StringComparer.Ordinal).Select(x => x.Node.Entry).ToList();
    }

    /// <summary>Adds an entry (Id null) or changes one; the code stays unique, the parent must exist and not be the entry itself or below it.</summary>
    public static async Task<Outcome> SaveAsync(BackOfficeDb db, Entry input, CancellationToken ct = default)
    {
        var (entries, units) = (await db.FilePlanEntries.ToListAsync(ct), await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Key, u => u.Id, ct));
        if (Check(input, entries.Where(e => e.Id != input.Id).Select(e => e.Code).ToHashSet(StringComparer.Ordinal), units, codeMustBeNew: true) is { } problem)
            return Outcome.Refused(problem);
        var entry = input.Id is { } id ? entries.SingleOrDefault(e => e.Id == id) : null;
        if (input.Id is not null && entry is null) return Outcome.Refused("Diesen Aktenplaneintrag gibt es nicht mehr.");
        if (entry is null) db.FilePlanEntries.Add(entry = new FilePlanEntry { Code = "", Title = "" });
        Apply(entry, input, entries, units);
        await db.SaveChangesAsync(ct);
        return Outcome.Done($"{entry.Code} {entry.Title} ist gespeichert.");
    }

    /// <summary>The whole plan as CSV: semicolons, UTF-8 with BOM, parents before their children.</summary>
    public static async Task<byte[]> ExportAsync(BackOfficeDb db, CancellationToken ct = default)
    {
        var csv = new StringBuilder().AppendLine(string.Join(';', CsvColumns));
        foreach (var e in await AllAsync(db, ct))
            csv.AppendLine(string.Join(';', new[] { e.Code, e.Title, e.ParentCode ?? "", e.RetentionYears.ToString(CultureInfo.InvariantCulture), e.RetentionTrigger, e.UnitKey ?? "" }.Select(Quote)));
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>Reads a CSV as exported (header line first): new codes are added, known codes changed; entries not in the file stay.</summary>
    /// <summary>
    /// Checks a CSV file and, with <paramref name="apply"/>, takes it over; without, says what it would change (the page
    /// shows that and asks before anything changes). One bad line refuses the whole file.
    /// </summary>
    public static async Task<Outcome> ImportAsync(BackOfficeDb db, byte[] content, CancellationToken ct = default, bool apply = true)
    {
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content).TrimStart('\uFEFF'); }
        catch (DecoderFallbackException) { return Outcome.Refused("Die Datei ist nicht in UTF-8 gespeichert. Bitte als „CSV UTF-8 (durch Trennzeichen getrennt)“ speichern. Es wurde nichts geändert."); }
        var lines = text.Replace("\r\n", "\n").Split('\n').Select((l, i) => (Line: l, Number: i + 1)).Where(l => l.Line.Trim().Length > 0).ToList();
        if (lines.Count == 0 || !Split(lines[0].Line).Select(h => h.Trim()).SequenceEqual(CsvColumns))
            return Outcome.Refused($"Die erste Zeile muss die Spalten nennen: {string.Join(';', CsvColumns)}. Es wurde nichts geändert.");

        var entries = await db.FilePlanEntries.ToListAsync(ct);
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Key, u => u.Id, ct);
        var rows = new List<Entry>();
        var numbers = new List<int>(); // each row's line in the file
        var problems = new List<string>();
        foreach (var (line, number) in lines.Skip(1))
        {
            var f = Split(line);
            if (f.Count != CsvColumns.Length) { problems.Add($"Zeile {number}: {f.Count} statt {CsvColumns.Length} Spalten."); continue; }
            if (!int.TryParse(f[3].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var years)) { problems.Add($"Zeile {number}: „{f[3]}“ ist keine Zahl von Jahren."); continue; }
            rows.Add(new Entry(entries.FirstOrDefault(e => e.Code == f[0].Trim())?.Id, f[0].Trim(), f[1].Trim(), Blank(f[2]), years, f[4].Trim(), Blank(f[5])));
            numbers.Add(number);
        }
        foreach (var twice in rows.Zip(numbers).GroupBy(r => r.First.Code).Where(g => g.Count() > 1))
            problems.Add($"Zeile {twice.ElementAt(1).Second}: Das Kennzeichen {twice.Key} steht mehrmals in der Datei (auch Zeile {twice.First().Second}).");
        // Codes known after the import: those of the database and those of the file (a parent may come in the same file).
        var known = entries.Select(e => e.Code).Concat(rows.Select(r => r.Code)).ToHashSet(StringComparer.Ordinal);
        foreach (var (row, number) in rows.Zip(numbers))
            if (Check(row, known, units, codeMustBeNew: false) is { } problem) problems.Add($"Zeile {number}: {problem}");
        // In the order of the file.
        problems = problems.OrderBy(p => p.StartsWith("Zeile ") && int.TryParse(p[6..p.IndexOf(':')], out var n) ? n : 0).ToList();
        if (problems.Count > 0)
            return Outcome.Refused($"Die Datei wurde nicht übernommen, es wurde nichts geändert. {string.Join(' ', problems.Take(20))}{(problems.Count > 20 ? $" … und {problems.Count - 20} weitere." : "")}");

        if (!apply) return Outcome.Done(Changes(await AllAsync(db, ct), rows));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var row in rows)
        {
            var entry = entries.FirstOrDefault(e => e.Code == row.Code);
            if (entry is null) { entries.Add(entry = new FilePlanEntry { Code = row.Code, Title = row.Title }); db.FilePlanEntries.Add(entry); }
        }
        await db.SaveChangesAsync(ct); // new entries get their ids, so that children can name them
        foreach (var row in rows) Apply(entries.Single(e => e.Code == row.Code), row, entries, units);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome.Done($"Der Aktenplan ist übernommen: {rows.Count} Einträge aus der Datei.");
    }

    /// <param name="codes">The codes there are besides this entry (a single save) or with it (an import, which finds its duplicates itself).</param>
    private static string? Check(Entry e, IReadOnlySet<string> codes, IReadOnlyDictionary<string, int> units, bool codeMustBeNew)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(e.Code, @"^\d+(\.\d+)*$")) return $"„{e.Code}“ ist kein Kennzeichen (Ziffern mit Punkten, z. B. 50.1).";
        if (e.Code.Length > 30) return $"Das Kennzeichen „{e.Code}“ ist länger als 30 Zeichen.";
        if (PlainText.Clean(e.Title) is not { Length: > 0 and <= 300 }) return $"{e.Code}: Bitte einen Titel angeben (höchstens 300 Zeichen).";
        if (e.RetentionYears is < 0 or > 100) return $"{e.Code}: Die Aufbewahrung muss zwischen 0 und 100 Jahren liegen.";
        if (PlainText.Clean(e.RetentionTrigger) is not { Length: > 0 and <= 100 }) return $"{e.Code}: Bitte den Fristbeginn angeben, z. B. „Abschluss“.";
        if (codeMustBeNew && codes.Contains(e.Code)) return $"Das Kennzeichen {e.Code} gibt es schon.";
        if (e.ParentCode is { } parent)
        {
            if (parent == e.Code || parent.StartsWith(e.Code + ".", StringComparison.Ordinal)) return $"{e.Code}: Ein Eintrag kann nicht unter sich selbst stehen.";
            if (!codes.Contains(parent)) return $"{e.Code}: Den übergeordneten Eintrag {parent} gibt es nicht.";
            // As with units: the code says where the entry stands (50.4 belongs under 50, not under 51).
            if (!e.Code.StartsWith(parent + ".", StringComparison.Ordinal)) return $"{e.Code} gehört nicht unter {parent}: Das Kennzeichen muss mit „{parent}.“ beginnen.";
        }
        if (e.UnitKey is { } unit && !units.ContainsKey(unit)) return $"{e.Code}: Die Organisationseinheit {unit} gibt es nicht.";
        return null;
    }

    private static void Apply(FilePlanEntry entry, Entry e, List<FilePlanEntry> entries, IReadOnlyDictionary<string, int> units)
    {
        (entry.Code, entry.Title, entry.RetentionYears, entry.RetentionTrigger) = (e.Code, PlainText.Clean(e.Title)!, e.RetentionYears, PlainText.Clean(e.RetentionTrigger)!);
        entry.ParentId = e.ParentCode is { } p ? entries.Single(x => x.Code == p).Id : null;
        entry.ResponsibleUnitId = e.UnitKey is { } u ? units[u] : null;
    }

    private static string? Blank(string s) => s.Trim() is { Length: > 0 } t ? t : null;

    private static string Quote(string s) => s.IndexOfAny([';', '"', '\n']) >= 0 ? $"\"{s.Replace("\"", "\"\"")}\"" : s;

    /// <summary>One CSV line's fields: semicolons, fields in double quotes may hold them ("" is a quote).</summary>
    /// <summary>What the rows would change, in German: new entries, changed ones with what changes, and how many stay.</summary>
    private static string Changes(IReadOnlyList<Entry> before, IReadOnlyList<Entry> rows)
    {
        var known = before.ToDictionary(e => e.Code, StringComparer.Ordinal);
        var added = rows.Where(r => !known.ContainsKey(r.Code)).Select(r => $"{r.Code} {r.Title}").ToList();
        var changed = new List<string>();
        foreach (var r in rows.Where(r => known.ContainsKey(r.Code)))
        {
            var e = known[r.Code];
            var what = new List<string>();
            if (e.Title != PlainText.Clean(r.Title)) what.Add($"Titel „{r.Title}“");
            if (e.ParentCode != r.ParentCode) what.Add($"übergeordnet {r.ParentCode ?? "keiner"}");
            if (e.RetentionYears != r.RetentionYears) what.Add($"Aufbewahrung {r.RetentionYears} statt {e.RetentionYears} Jahre");
            if (e.RetentionTrigger != PlainText.Clean(r.RetentionTrigger)) what.Add($"Fristbeginn „{r.RetentionTrigger}“");
            if (e.UnitKey != r.UnitKey) what.Add($"zuständig {r.UnitKey ?? "jede Einheit"}");
            if (what.Count > 0) changed.Add($"{r.Code}: {string.Join(", ", what)}");
        }
        var same = rows.Count - added.Count - changed.Count;
        if (added.Count == 0 && changed.Count == 0) return "Die Datei ist geprüft; sie ändert nichts am Aktenplan.";
        return $"Die Datei ist geprüft, noch ist nichts geändert. Neu: {(added.Count == 0 ? "keine" : string.Join("; ", added.Take(20)))}. "
            + $"Geändert: {(changed.Count == 0 ? "keine" : string.Join("; ", changed.Take(20)))}. {Labels.Count(same, "Eintrag bleibt", "Einträge bleiben")} wie sie sind.";
    }

    public static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ';') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }
}

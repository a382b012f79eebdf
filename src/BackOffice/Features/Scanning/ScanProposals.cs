using System.Text.RegularExpressions;
using BackOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Scanning;

/// <summary>
/// Where a scanned letter should go, read from its text: an Aktenzeichen of an existing case, or an inbox number whose
/// item belongs to a case, proposes that case and its unit. Only what exists is proposed; the reason says what was found.
/// </summary>
public static partial class ScanProposals
{
    public sealed record Proposal(int? UnitId, int? CaseId, string? Reason);

    public static readonly Proposal None = new(null, null, null);

    // "50.1-00042/3" (file plan code, file sequence, case number); OCR may put blanks around the slash.
    [GeneratedRegex(@"\b(\d{1,3}(?:\.\d{1,3}){0,4}-\d{5})\s?/\s?(\d{1,4})\b")]
    private static partial Regex CaseReference();

    [GeneratedRegex(@"\bE-(\d{4})-(\d{7})\b", RegexOptions.IgnoreCase)]
    private static partial Regex InboxNumber();

    /// <param name="db">A context that sees every unit: the proposal names a case the mail room itself may not open.</param>
    public static async Task<Proposal> FindAsync(BackOfficeDb db, string? text, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(text)) return None;
        var references = CaseReference().Matches(text).Select(m => $"{m.Groups[1].Value}/{m.Groups[2].Value}").Distinct().Take(20).ToList();
        if (references.Count > 0)
        {
            var found = await db.Cases.AsNoTracking().Where(c => references.Contains(c.Reference))
                .Select(c => new { c.Id, c.UnitId, c.Reference }).FirstOrDefaultAsync(ct);
            if (found is not null) return new(found.UnitId, found.Id, $"Aktenzeichen {found.Reference} im Text gefunden");
        }
        var numbers = InboxNumber().Matches(text).Select(m => $"E-{m.Groups[1].Value}-{m.Groups[2].Value}").Distinct().Take(20).ToList();
        if (numbers.Count > 0)
        {
            var item = await db.InboxItems.AsNoTracking().Where(i => numbers.Contains(i.Number))
                .Select(i => new { i.Number, i.UnitId, i.CaseId }).FirstOrDefaultAsync(ct);
            if (item is not null) return new(item.UnitId, item.CaseId, $"Eingangsnummer {item.Number} im Text gefunden");
        }
        return None;
    }

    /// <summary>A subject for the inbox item: the letter's "Betreff" line when it has one.</summary>
    public static string? Subject(string? text) =>
        text?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Betreff", StringComparison.OrdinalIgnoreCase)) is { } line
            ? PlainText.Fit(line[7..].TrimStart(':', ' ', '\t'), 200) is { Length: > 0 } s ? s : null
            : null;

    [GeneratedRegex(@"\b\d{5}\b")]
    private static partial Regex PostalCode();

    /// <summary>
    /// The sender: the return address above the window ("Karl Kaiser, Lindenstraße 4, 55765 Birkenfeld") gives its name;
    /// without one, the first line with words.
    /// </summary>
    public static string? Sender(string? text)
    {
        var lines = text?.Split('\n').Select(l => l.Trim()).Where(l => l.Count(char.IsLetter) >= 3).Take(15).ToList() ?? [];
        var address = lines.FirstOrDefault(l => l.Contains(',') && PostalCode().IsMatch(l));
        var line = address ?? lines.FirstOrDefault();
        // "Name, Straße …": the name alone, also where the recognised line breaks after the comma.
        var sender = line?.Split(',')[0].Trim();
        return string.IsNullOrEmpty(sender) ? null : PlainText.Fit(sender, 200);
    }
}

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
    /// <summary>Where it should go, how sure (percent) and why.</summary>
    public sealed record Proposal(int? UnitId, int? CaseId, string? Reason, int? ServiceId = null, int? Confidence = null);

    public static readonly Proposal None = new(null, null, null);

    /// <summary>
    /// In this order: a separator sheet's target (the mail room put it there), with a case found in the text when the
    /// case belongs to that unit; an Aktenzeichen or inbox number of an existing case; the administration's keyword rules;
    /// the sender's open file; the learned guess.
    /// </summary>
    /// <param name="db">A context that sees every unit: the proposal names a case the mail room itself may not open.</param>
    public static async Task<Proposal> FindAsync(BackOfficeDb db, string? text, ScanSeparators.Target? separator, ScanLearning? learning,
        CancellationToken ct = default)
    {
        var found = await FindInTextAsync(db, text, ct);
        if (separator is { UnitKey: not null } or { ServiceKey: not null }) return await FromSeparatorAsync(db, separator, found, ct);
        if (found.UnitId is not null) return found with { Confidence = 100 };
        await foreach (var proposal in FromWordsAsync(db, text, learning, minimumGuess: 0, ct)) return proposal; // the strongest; the rest is not asked
        return None;
    }

    /// <summary>
    /// Up to three proposals for different units, the stored one first, then what the rules, the sender's file and the
    /// learned guesses say: the mail room picks another with the arrow keys when the first is wrong.
    /// </summary>
    public static async Task<IReadOnlyList<Proposal>> ChoicesAsync(BackOfficeDb db, string? text, Proposal first, ScanLearning? learning,
        CancellationToken ct = default)
    {
        var list = new List<Proposal>();
        if (first.UnitId is not null) list.Add(first);
        // Guesses the model itself gives little chance are no help.
        await foreach (var proposal in FromWordsAsync(db, text, learning, minimumGuess: 10, ct)) list.Add(proposal);
        return list.DistinctBy(p => p.UnitId).Take(3).ToList();
    }

    /// <summary>
    /// What the words of a letter propose, strongest first: the keyword rules, the sender's open file, the learned
    /// guesses (for units that exist, with a service only of that unit). Lazy, so the first costs only itself.
    /// </summary>
    private static async IAsyncEnumerable<Proposal> FromWordsAsync(BackOfficeDb db, string? text, ScanLearning? learning, int minimumGuess,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var rules = await db.ScanRules.AsNoTracking().Where(r => r.Active).OrderBy(r => r.Id).ToListAsync(ct);
        if (ScanRules.Best(rules, text) is { } match) yield return new(match.Rule.UnitId, null, match.Reason, match.Rule.ServiceId, match.Confidence);
        if (await FromSenderAsync(db, text, ct) is { } bySender) yield return bySender;
        if (learning is null) yield break;
        foreach (var guess in (await learning.GuessesAsync(db, text, ct)).Where(g => g.Confidence >= minimumGuess).Take(3))
        {
            if (!await db.OrgUnits.AnyAsync(u => u.Id == guess.UnitId, ct)) continue;
            var service = guess.ServiceId is { } serviceId && await ScanAdministration.IsServiceOfAsync(db, serviceId, guess.UnitId, ct) ? guess.ServiceId : null;
            yield return new(guess.UnitId, null, "gelernt aus bestätigten Scans", service, guess.Confidence);
        }
    }

    /// <summary>
    /// The sender has an open file: its unit, as "Vorgang anlegen" finds files by the applicant's name. Only when the
    /// name leads to one unit; surer when the file's street is in the letter too.
    /// </summary>
    private static async Task<Proposal?> FromSenderAsync(BackOfficeDb db, string? text, CancellationToken ct)
    {
        if (Sender(text) is not { Length: >= 5 } sender || !sender.Contains(' ')) return null;
        // Files name the applicant "Bauer, Anna"; a letter is signed "Anna Bauer".
        var cut = sender.LastIndexOf(' ');
        var filed = $"{sender[(cut + 1)..]}, {sender[..cut]}";
        var files = await db.CaseFiles.AsNoTracking().Where(f => (f.ApplicantName == sender || f.ApplicantName == filed) && f.ClosedAt == null).OrderByDescending(f => f.Id).Take(10)
            .Select(f => new { f.Reference, f.UnitId, f.ApplicantAddress }).ToListAsync(ct);
        var byAddress = files.Where(f => f.ApplicantAddress?.Split(',')[0].Trim() is { Length: > 3 } street && text!.Contains(street, StringComparison.OrdinalIgnoreCase)).ToList();
        var candidates = byAddress.Count > 0 ? byAddress : files;
        if (candidates.Count == 0 || candidates.Select(f => f.UnitId).Distinct().Count() > 1) return null;
        var file = candidates[0];
        return new(file.UnitId, null, $"Absender {sender} hat die Akte {file.Reference}" + (byAddress.Count > 0 ? " (Anschrift passt)" : ""), null,
            byAddress.Count > 0 ? 75 : 60);
    }

    private static async Task<Proposal> FromSeparatorAsync(BackOfficeDb db, ScanSeparators.Target separator, Proposal found, CancellationToken ct)
    {
        var service = separator.ServiceKey is { } serviceKey
            ? await db.Services.AsNoTracking().Where(s => s.Key == serviceKey).Select(s => new { s.Id, s.UnitId, s.Name }).FirstOrDefaultAsync(ct) : null;
        var unitKey = separator.UnitKey;
        var unit = service is not null
            ? await db.OrgUnits.AsNoTracking().Where(u => u.Id == service.UnitId).Select(u => new { u.Id, u.Key, u.Name }).SingleAsync(ct)
            : unitKey is null ? null : await db.OrgUnits.AsNoTracking().Where(u => u.Key == unitKey).Select(u => new { u.Id, u.Key, u.Name }).FirstOrDefaultAsync(ct);
        if (unit is null)
            return found with { Reason = $"Trennblatt für „{separator.ServiceKey ?? unitKey}“ (unbekannt)" + (found.Reason is null ? "" : $"; {found.Reason}"),
                Confidence = found.UnitId is null ? null : 100 };
        var reason = $"Trennblatt für {unit.Key} {unit.Name}" + (service is null ? "" : $", {service.Name}");
        return found.CaseId is not null && found.UnitId == unit.Id
            ? found with { Reason = $"{reason}; {found.Reason}", ServiceId = service?.Id, Confidence = 100 }
            : new Proposal(unit.Id, null, reason, service?.Id, 100);
    }

    // "50.1-00042/3" (file plan code, file sequence, case number); OCR may put blanks around the slash.
    [GeneratedRegex(@"\b(\d{1,3}(?:\.\d{1,3}){0,4}-\d{5})\s?/\s?(\d{1,4})\b")]
    private static partial Regex CaseReference();

    [GeneratedRegex(@"\bE-(\d{4})-(\d{7})\b", RegexOptions.IgnoreCase)]
    private static partial Regex InboxNumber();

    private static async Task<Proposal> FindInTextAsync(BackOfficeDb db, string? text, CancellationToken ct)
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
        var at = lines.FindIndex(l => l.Contains(',') && PostalCode().IsMatch(l));
        var line = at >= 0 ? lines[at] : lines.FirstOrDefault();
        // "Name, Straße …": the name alone, also where the recognised line breaks after the comma. OCR may also break
        // the return address at a wide gap ("Jürgen Weiß, Lindenweg" / "7, 55768 Hoppstädten"): then the name is above.
        var sender = line?.Split(',')[0].Trim();
        if (at > 0 && sender?.Count(char.IsLetter) < 2) sender = lines[at - 1].Split(',')[0].Trim();
        return string.IsNullOrEmpty(sender) ? null : PlainText.Fit(sender, 200);
    }
}

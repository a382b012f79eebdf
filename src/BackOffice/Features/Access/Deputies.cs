using BackOffice.Data;
using BackOffice.Features.Files;
using BackOffice.Infrastructure;
using BackOffice.Shared;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Access;

/// <summary>
/// Vertretung (issue 11): a clerk or head names a colleague of their unit to stand in for a period. While it lasts the
/// deputy sees the absent person's Wiedervorlagen and cases as their own, and what they do to them is recorded as done
/// "in Vertretung". The deputy works for the absent person's unit (or leads it), so the unit scope already lets them in.
/// </summary>
public static class Deputies
{
    public sealed record Represented(string UserId, string UserName, string Name, DateOnly Until);
    public sealed record Entry(int Id, string DeputyName, DateOnly From, DateOnly Until);

    /// <summary>Whom <paramref name="deputyId"/> stands in for today.</summary>
    public static async Task<IReadOnlyList<Represented>> RepresentedByAsync(BackOfficeDb db, string deputyId, CancellationToken ct = default)
    {
        var today = LocalDays.Today();
        return await db.Deputyships.AsNoTracking().Where(d => d.DeputyId == deputyId && d.From <= today && d.Until >= today)
            .OrderBy(d => d.User!.DisplayName)
            .Select(d => new Represented(d.UserId, d.User!.UserName!, d.User.DisplayName, d.Until)).ToListAsync(ct);
    }

    /// <summary>The user's own deputyships that have not ended, earliest first.</summary>
    public static async Task<IReadOnlyList<Entry>> OfAsync(BackOfficeDb db, string userId, CancellationToken ct = default)
    {
        var today = LocalDays.Today();
        return await db.Deputyships.AsNoTracking().Where(d => d.UserId == userId && d.Until >= today).OrderBy(d => d.From)
            .Select(d => new Entry(d.Id, d.Deputy!.DisplayName, d.From, d.Until)).ToListAsync(ct);
    }

    /// <summary>
    /// Who may stand in for the user, seeing what they see: clerks of one of their units, and heads of one of those units
    /// or of a unit above (accounts on).
    /// </summary>
    public static async Task<IReadOnlyList<Person>> CandidatesAsync(BackOfficeDb db, string userId, CancellationToken ct = default)
    {
        var own = await db.UserUnits.Where(u => u.UserId == userId).Select(u => u.OrgUnitId).ToListAsync(ct);
        var parents = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.ParentId, ct);
        var above = new HashSet<int>(own);
        foreach (var unit in own)
            for (var p = parents.GetValueOrDefault(unit); p is { } id && above.Add(id); p = parents.GetValueOrDefault(id)) { }
        // Whoever may take the work of the user's units (Assignees), and the heads of the units above them.
        var byUnit = new Dictionary<int, IReadOnlyList<Person>>(await Assignees.ByUnitAsync(db, own, ct));
        var aboveOnly = above.Except(own).ToList();
        byUnit[-1] = await db.UserUnits.AsNoTracking().Where(u => aboveOnly.Contains(u.OrgUnitId))
            .Join(db.Users, u => u.UserId, x => x.Id, (u, x) => x).Where(x => !x.Disabled && x.Role == Roles.Head)
            .Select(x => new Person(x.Id, x.DisplayName)).ToListAsync(ct);
        return Assignees.AnyOf(byUnit).Where(p => p.Id != userId).ToList();
    }

    public static async Task<Outcome> AddAsync(BackOfficeDb db, string userId, string deputyId, DateOnly? fromDay, DateOnly? untilDay, CancellationToken ct = default)
    {
        if (fromDay is not { } from || untilDay is not { } until)
            return Outcome.Refused(fromDay is null && untilDay is null ? "Bitte Beginn und Ende der Vertretung angeben."
                : fromDay is null ? "Bitte den Beginn der Vertretung angeben." : "Bitte das Ende der Vertretung angeben.");
        var today = LocalDays.Today();
        if (until < from) return Outcome.Refused("Das Ende der Vertretung liegt vor ihrem Beginn. Bitte die Daten prüfen.");
        if (until < today) return Outcome.Refused("Die Vertretung läge ganz in der Vergangenheit. Bitte ein Ende ab heute wählen.");
        if (until > from.AddYears(1)) return Outcome.Refused("Eine Vertretung dauert höchstens ein Jahr. Bitte das Ende prüfen.");
        var deputy = (await CandidatesAsync(db, userId, ct)).FirstOrDefault(c => c.Id == deputyId);
        if (deputy is null) return Outcome.Refused("Vertreten kann nur, wer in einer Ihrer Organisationseinheiten sachbearbeitend arbeitet oder sie leitet.");
        if (await db.Deputyships.AnyAsync(d => d.UserId == userId && d.From <= until && d.Until >= from, ct))
            return Outcome.Refused("In diesem Zeitraum ist schon eine Vertretung eingetragen. Bitte jene erst beenden.");
        // Nobody stands in while away themselves (this also rules out standing in for each other).
        if (await db.Deputyships.AnyAsync(d => d.UserId == deputyId && d.From <= until && d.Until >= from, ct))
            return Outcome.Refused($"{deputy.Name} ist in dieser Zeit selbst abwesend und vertreten. Bitte eine andere Person wählen.");
        db.Deputyships.Add(new Deputyship { UserId = userId, DeputyId = deputyId, From = from, Until = until, CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync(ct);
        return Outcome.Done($"{deputy.Name} vertritt Sie vom {Day(from)} bis {Day(until)}.");
    }

    /// <summary>Ends one of the user's deputyships: yesterday if it has begun (it is over at once), else it is removed.</summary>
    public static async Task<Outcome> EndAsync(BackOfficeDb db, string userId, int id, CancellationToken ct = default)
    {
        var d = await db.Deputyships.SingleOrDefaultAsync(x => x.Id == id && x.UserId == userId, ct);
        if (d is null) return Outcome.Refused("Diese Vertretung gibt es nicht (mehr).");
        var today = LocalDays.Today();
        if (d.From >= today) db.Deputyships.Remove(d);
        else d.Until = today.AddDays(-1);
        await db.SaveChangesAsync(ct);
        return Outcome.Done("Die Vertretung ist beendet.");
    }

    /// <summary>The audit trail's actor for someone acting for another: "otto i. V. anna".</summary>
    public static string ActingFor(string actor, string representedUserName) => $"{actor} i. V. {representedUserName}";

    /// <summary>Splits an actor written by <see cref="ActingFor"/>; Represented is null for a plain actor.</summary>
    public static (string Actor, string? Represented) SplitActor(string actor)
    {
        var at = actor.IndexOf(" i. V. ", StringComparison.Ordinal);
        return at < 0 ? (actor, null) : (actor[..at], actor[(at + 7)..]);
    }

    private static string Day(DateOnly d) => d.ToString("dd.MM.yyyy", Labels.German);
}

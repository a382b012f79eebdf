using BackOffice.Infrastructure;
using BackOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Access;

/// <summary>
/// Turns a county account that Entra ID signed in into a BackOffice user: found by its object id, created on its
/// first sign-in, and given the role and units that the administration mapped to its groups, at every sign-in
/// (so a change of groups in Entra ID takes effect at the next sign-in).
/// </summary>
public static class EntraAccounts
{
    public sealed record Claims(string ObjectId, string? UserName, string? DisplayName, IReadOnlyCollection<string> Groups, bool GroupsOverflow);

    public enum Refusal { None, NoRole, SeveralRoles, Disabled, NameTaken, TooManyGroups }

    /// <summary>The user to sign in, or why not: a code the sign-in hands to the "whom to ask" page, not a message.</summary>
    public sealed record Decision(AppUser? User, Refusal Refusal);

    /// <summary>What the "whom to ask" page says; it gets the code, never text, so that no link can put words on it.</summary>
    public static string Describe(Refusal refusal) => refusal switch
    {
        Refusal.SeveralRoles => "Ihre Gruppen in Entra ID geben Ihnen mehrere Rollen; das BackOffice kennt je Konto nur eine.",
        Refusal.Disabled => "Ihr Konto ist im BackOffice abgeschaltet.",
        Refusal.NameTaken => "Ihr Benutzername gehört im BackOffice schon zu einem anderen Konto.",
        Refusal.TooManyGroups => "Ihr Konto ist in so vielen Gruppen, dass Entra ID sie nicht mitschickt; der Anwendung müssen die Gruppen zugewiesen werden, die sie braucht.",
        _ => "Für Ihr Konto ist im BackOffice noch keine Rolle eingerichtet.",
    };

    public static async Task<Decision> SignInAsync(BackOfficeDb db, Claims claims, CancellationToken ct = default)
    {
        if (claims.GroupsOverflow)
            return await RefusedAsync(db, claims, Refusal.TooManyGroups);
        var groups = claims.Groups.ToList();
        var mappings = await db.EntraGroupMappings.AsNoTracking().Where(m => groups.Contains(m.GroupId)).ToListAsync(ct);
        if (mappings.Count == 0)
            return await RefusedAsync(db, claims, Refusal.NoRole);
        var roles = mappings.Select(m => m.Role).Distinct().ToList();
        if (roles.Count > 1)
            return await RefusedAsync(db, claims, Refusal.SeveralRoles, string.Join(", ", roles));

        var user = await db.Users.Include(u => u.Units).SingleOrDefaultAsync(u => u.EntraObjectId == claims.ObjectId, ct);
        if (user is { Disabled: true })
            return await RefusedAsync(db, claims, Refusal.Disabled);
        var userName = string.IsNullOrWhiteSpace(claims.UserName) ? claims.ObjectId : claims.UserName.Trim();
        if (user is null)
        {
            // A local account of the same name is another person (or a service account): never merged silently.
            if (await db.Users.AnyAsync(u => u.NormalizedUserName == userName.ToUpperInvariant(), ct))
                return await RefusedAsync(db, claims, Refusal.NameTaken);
            user = new AppUser
            {
                UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), EntraObjectId = claims.ObjectId,
                SecurityStamp = Guid.NewGuid().ToString(), LockoutEnabled = true,
            };
            db.Users.Add(user);
        }
        user.DisplayName = PlainText.Fit(string.IsNullOrWhiteSpace(claims.DisplayName) ? userName : PlainText.Clean(claims.DisplayName)!, 200);
        user.Role = roles[0];
        var units = mappings.Where(m => m.OrgUnitId is not null).Select(m => m.OrgUnitId!.Value).Distinct().ToHashSet();
        user.Units.RemoveAll(u => !units.Contains(u.OrgUnitId));
        foreach (var unit in units.Where(u => user.Units.All(x => x.OrgUnitId != u)))
            user.Units.Add(new UserUnit { UserId = user.Id, OrgUnitId = unit });
        db.LogEvent("signin-entra", nameof(AppUser), user.Id, details: userName);
        await db.SaveChangesAsync(ct);
        return new Decision(user, Refusal.None);
    }

    private static async Task<Decision> RefusedAsync(BackOfficeDb db, Claims claims, Refusal why, string? more = null)
    {
        // Recorded, so that the administration can see who tried and which groups they brought.
        db.LogEvent("signin-entra-refused", nameof(AppUser), claims.ObjectId,
            details: $"{claims.UserName}: {why} {more} Gruppen: {string.Join(", ", claims.Groups)}");
        await db.SaveChangesAsync();
        return new Decision(null, why);
    }
}

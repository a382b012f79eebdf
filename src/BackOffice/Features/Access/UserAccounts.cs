using BackOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Access;

/// <summary>
/// The administration's view of the sign-in accounts: who is locked out after too many wrong passwords, and
/// unlocking them. (Creating, disabling and roles come with the administration of the platform issue.)
/// </summary>
public static class UserAccounts
{
    public const int PageSize = 50;

    public sealed record Row(string Id, string UserName, string DisplayName, string Role, DateTimeOffset? LockedUntil, int FailedSignIns);
    public sealed record Page(IReadOnlyList<Row> Rows, int Count);

    /// <summary>Accounts whose user name or display name contains <paramref name="text"/>, by user name.</summary>
    public static async Task<Page> QueryAsync(BackOfficeDb db, string? text, bool lockedOnly, DateTimeOffset now, int skip, CancellationToken ct = default)
    {
        var query = db.Users.AsNoTracking();
        var term = text?.Trim();
        if (!string.IsNullOrEmpty(term)) query = query.Where(u => u.UserName!.Contains(term) || u.DisplayName.Contains(term));
        static IQueryable<Row> Rows(IQueryable<AppUser> users) => users.OrderBy(u => u.UserName)
            .Select(u => new Row(u.Id, u.UserName!, u.DisplayName, u.Role, u.LockoutEnd, u.AccessFailedCount));
        var rows = Rows(query);
        if (lockedOnly)
        {
            // SQLite cannot compare DateTimeOffset, so the database narrows to accounts with a lockout date (few: unlocking
            // clears it) and the clock decides here.
            var locked = (await Rows(query.Where(u => u.LockoutEnd != null)).ToListAsync(ct)).Where(r => r.LockedUntil > now).ToList();
            return new Page(locked.Skip(skip).Take(PageSize).ToList(), locked.Count);
        }
        var page = await rows.Skip(skip).Take(PageSize).ToListAsync(ct);
        return new Page(page.Select(r => r.LockedUntil > now ? r : r with { LockedUntil = null }).ToList(), await query.CountAsync(ct));
    }

    /// <summary>Ends a lockout and forgets the wrong attempts; the audit trail records who unlocked whom.</summary>
    public static async Task<string> UnlockAsync(BackOfficeDb db, string userId, CancellationToken ct = default)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return "Dieses Benutzerkonto gibt es nicht.";
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        db.LogEvent("unlock", nameof(AppUser), user.Id, details: user.UserName);
        await db.SaveChangesAsync(ct);
        return $"Das Konto „{user.UserName}“ ist entsperrt; die Anmeldung geht wieder.";
    }
}

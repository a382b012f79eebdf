using System.Security.Cryptography;
using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Administration;

/// <summary>
/// The administration's use cases on sign-in accounts: list, create a local account, change name, role and units,
/// switch off and on, reset a password (shown once), unlock. Every change lands in the audit trail (the context audits
/// each changed row, with secrets masked, and each use case adds a readable event). Nothing here reads case data.
/// Accounts of Entra ID users take role and units from their groups (<see cref="Access.EntraAccounts"/>): here they can
/// only be switched off and on.
/// </summary>
public static class UserAccounts
{
    public const int PageSize = 50;

    public sealed record Row(string Id, string UserName, string DisplayName, string Role, DateTimeOffset? LockedUntil, int FailedSignIns,
        bool Disabled, bool FromEntra, IReadOnlyList<string> UnitKeys);
    public sealed record Page(IReadOnlyList<Row> Rows, int Count);

    /// <summary>What the administrator enters for an account.</summary>
    /// <param name="CoSigns">A clerk who signs off (Schlusszeichnung) the Bescheide of their units, beside the heads.</param>
    public sealed record Input(string UserName, string DisplayName, string Role, IReadOnlyCollection<int> UnitIds, bool CoSigns = false);

    /// <summary>The new password, for the administrator to pass on; shown once, stored only as its hash.</summary>
    public sealed record PasswordOutcome(Outcome Outcome, string? Password);

    /// <summary>Accounts whose user name or display name contains <paramref name="text"/>, by user name.</summary>
    public static async Task<Page> QueryAsync(BackOfficeDb db, string? text, bool lockedOnly, DateTimeOffset now, int skip, CancellationToken ct = default)
    {
        var query = db.Users.AsNoTracking();
        var term = text?.Trim();
        if (!string.IsNullOrEmpty(term))
        {
            // LIKE ignores case on both engines (SQLite for ASCII letters, MariaDB's German collation for all): "müller" finds "Müller".
            var pattern = "%" + term.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(u => EF.Functions.Like(u.UserName!, pattern, "\\") || EF.Functions.Like(u.DisplayName, pattern, "\\"));
        }
        static IQueryable<Row> Rows(IQueryable<AppUser> users) => users.OrderBy(u => u.UserName)
            .Select(u => new Row(u.Id, u.UserName!, u.DisplayName, u.Role, u.LockoutEnd, u.AccessFailedCount, u.Disabled, u.EntraObjectId != null,
                u.Units.OrderBy(x => x.OrgUnit!.Key).Select(x => x.OrgUnit!.Key).ToList()));
        if (lockedOnly)
        {
            // SQLite cannot compare DateTimeOffset, so the database narrows to accounts with a lockout date (few: unlocking
            // clears it) and the clock decides here.
            var locked = (await Rows(query.Where(u => u.LockoutEnd != null)).ToListAsync(ct)).Where(r => r.LockedUntil > now).ToList();
            return new Page(locked.Skip(skip).Take(PageSize).ToList(), locked.Count);
        }
        var page = await Rows(query).Skip(skip).Take(PageSize).ToListAsync(ct);
        return new Page(page.Select(r => r.LockedUntil > now ? r : r with { LockedUntil = null }).ToList(), await query.CountAsync(ct));
    }

    public static async Task<Input?> GetAsync(BackOfficeDb db, string userId, CancellationToken ct = default) =>
        await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new Input(u.UserName!, u.DisplayName, u.Role, u.Units.Select(x => x.OrgUnitId).ToList(), u.CoSigns)).SingleOrDefaultAsync(ct);

    /// <summary>A new local account with a generated first password, which the administrator passes on.</summary>
    public static async Task<PasswordOutcome> CreateAsync(BackOfficeDb db, IPasswordHasher<AppUser> hasher, Input input, CancellationToken ct = default)
    {
        var userName = input.UserName.Trim();
        if (userName.Length is 0 or > 64 || !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
            return new(Outcome.Refused("Der Benutzername braucht 1 bis 64 Zeichen: Buchstaben ohne Umlaute, Ziffern, Punkt, Bindestrich, Unterstrich oder @."), null);
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == userName.ToUpperInvariant(), ct))
            return new(Outcome.Refused($"Den Benutzernamen „{userName}“ gibt es schon."), null);
        if (await CheckAsync(db, input, ct) is { } refusal) return new(refusal, null);
        var user = new AppUser
        {
            UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), DisplayName = PlainText.Clean(input.DisplayName)!, Role = input.Role,
            SecurityStamp = Guid.NewGuid().ToString(), LockoutEnabled = true, MustChangePassword = true, CoSigns = input.CoSigns && input.Role == Roles.Clerk,
        };
        var password = NewPassword();
        user.PasswordHash = hasher.HashPassword(user, password);
        user.Units = input.UnitIds.Distinct().Select(id => new UserUnit { UserId = user.Id, OrgUnitId = id }).ToList();
        db.Users.Add(user);
        var unitKeys = await db.OrgUnits.Where(u => input.UnitIds.Contains(u.Id)).OrderBy(u => u.Key).Select(u => u.Key).ToListAsync(ct);
        db.LogEvent("user-created", nameof(AppUser), user.Id,
            details: $"{userName} ({user.DisplayName}): {input.Role}{(user.CoSigns ? " mit Schlusszeichnung" : "")}, Einheiten {(unitKeys.Count == 0 ? "keine" : string.Join(", ", unitKeys))}; erstes Passwort, bei der ersten Anmeldung zu ändern");
        await db.SaveChangesAsync(ct);
        return new(Outcome.Done($"Das Konto „{userName}“ ist angelegt. Erstes Passwort (wird nur jetzt angezeigt; die Person muss es bei der ersten Anmeldung durch ein eigenes ersetzen):"), password);
    }

    /// <summary>Name, role and units of a local account. Open sessions of the account end, so that the new rights apply at once.</summary>
    public static async Task<Outcome> UpdateAsync(BackOfficeDb db, string userId, Input input, string actingUserId, CancellationToken ct = default)
    {
        var user = await db.Users.Include(u => u.Units).SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return Outcome.Refused("Dieses Benutzerkonto gibt es nicht.");
        // Whoever administers keeps the role: otherwise the only administrator could lock the county out of the administration.
        if (userId == actingUserId && user.Role == Roles.Admin && input.Role != Roles.Admin)
            return Outcome.Refused("Die eigene Rolle Administration lässt sich nicht abgeben; das kann nur eine andere Administratorin oder ein anderer Administrator.");
        if (user.EntraObjectId is not null)
            return Outcome.Refused($"„{user.UserName}“ meldet sich mit Entra ID an: Rolle und Einheiten kommen aus den Gruppen (Verwaltung › Entra-ID-Gruppen).");
        if (await CheckAsync(db, input, ct) is { } refusal) return refusal;
        var units = input.UnitIds.ToHashSet();
        var rightsChanged = user.Role != input.Role || !units.SetEquals(user.Units.Select(u => u.OrgUnitId));
        user.DisplayName = PlainText.Clean(input.DisplayName)!;
        user.Role = input.Role;
        user.CoSigns = input.CoSigns && input.Role == Roles.Clerk;
        user.Units.RemoveAll(u => !units.Contains(u.OrgUnitId));
        foreach (var id in units.Where(id => user.Units.All(u => u.OrgUnitId != id))) user.Units.Add(new UserUnit { UserId = user.Id, OrgUnitId = id });
        if (rightsChanged) user.SecurityStamp = Guid.NewGuid().ToString();
        db.LogEvent("user-changed", nameof(AppUser), user.Id, details: $"{user.UserName}: {input.Role}{(user.CoSigns ? " mit Schlusszeichnung" : "")}, Einheiten {string.Join(", ", units.Order())}");
        await db.SaveChangesAsync(ct);
        return Outcome.Done($"Das Konto „{user.UserName}“ ist gespeichert." + (rightsChanged ? " Die neuen Rechte gelten ab der nächsten Anmeldung; offene Sitzungen sind beendet." : ""));
    }

    /// <summary>Switches an account off (it cannot sign in, open sessions end) or on again.</summary>
    public static async Task<Outcome> SetDisabledAsync(BackOfficeDb db, string userId, bool disabled, string actingUserId, CancellationToken ct = default)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return Outcome.Refused("Dieses Benutzerkonto gibt es nicht.");
        if (disabled && userId == actingUserId) return Outcome.Refused("Das eigene Konto lässt sich nicht abschalten.");
        if (user.Disabled == disabled) return Outcome.Stale($"Das Konto „{user.UserName}“ ist schon {(disabled ? "abgeschaltet" : "eingeschaltet")}.");
        user.Disabled = disabled;
        user.SecurityStamp = Guid.NewGuid().ToString();
        db.LogEvent(disabled ? "user-disabled" : "user-enabled", nameof(AppUser), user.Id, details: user.UserName);
        await db.SaveChangesAsync(ct);
        return Outcome.Done(disabled
            ? $"Das Konto „{user.UserName}“ ist abgeschaltet; offene Sitzungen sind beendet."
            : $"Das Konto „{user.UserName}“ ist wieder eingeschaltet.");
    }

    /// <summary>A new generated password for a local account; the old one and every open session stop working.</summary>
    public static async Task<PasswordOutcome> ResetPasswordAsync(BackOfficeDb db, IPasswordHasher<AppUser> hasher, string userId, CancellationToken ct = default)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return new(Outcome.Refused("Dieses Benutzerkonto gibt es nicht."), null);
        if (user.EntraObjectId is not null) return new(Outcome.Refused($"„{user.UserName}“ meldet sich mit Entra ID an und hat hier kein Passwort."), null);
        var password = NewPassword();
        user.PasswordHash = hasher.HashPassword(user, password);
        user.SecurityStamp = Guid.NewGuid().ToString();
        (user.LockoutEnd, user.AccessFailedCount, user.MustChangePassword) = (null, 0, true);
        db.LogEvent("password-reset", nameof(AppUser), user.Id, details: $"{user.UserName}; bei der nächsten Anmeldung zu ändern");
        await db.SaveChangesAsync(ct);
        return new(Outcome.Done($"Neues Passwort für „{user.UserName}“ (wird nur jetzt angezeigt; die Person muss es bei der nächsten Anmeldung durch ein eigenes ersetzen):"), password);
    }

    /// <summary>Ends a lockout and forgets the wrong attempts; the audit trail records who unlocked whom.</summary>
    public static async Task<Outcome> UnlockAsync(BackOfficeDb db, string userId, CancellationToken ct = default)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return Outcome.Refused("Dieses Benutzerkonto gibt es nicht.");
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        db.LogEvent("unlock", nameof(AppUser), user.Id, details: user.UserName);
        await db.SaveChangesAsync(ct);
        return Outcome.Done($"Das Konto „{user.UserName}“ ist entsperrt; die Anmeldung geht wieder.");
    }

    /// <summary>The rules every account keeps: a name, a known role, and units where the role works on a unit's records.</summary>
    private static async Task<Outcome?> CheckAsync(BackOfficeDb db, Input input, CancellationToken ct)
    {
        // Cleaned as every name is (no control or bidi formatting characters: "abc\u202Eevil" showed as "abclive").
        if (PlainText.Clean(input.DisplayName) is not { Length: > 0 and <= 200 })
            return Outcome.Refused("Bitte den Namen der Person angeben (höchstens 200 Zeichen).");
        if (!Roles.All.Contains(input.Role)) return Outcome.Refused("Bitte eine der Rollen wählen.");
        var ids = input.UnitIds.Distinct().ToList();
        if (await db.OrgUnits.CountAsync(u => ids.Contains(u.Id), ct) != ids.Count) return Outcome.Refused("Eine der gewählten Einheiten gibt es nicht mehr.");
        if (ids.Count == 0 && Roles.WorksForUnits(input.Role))
            return Outcome.Refused($"Die Rolle {input.Role} arbeitet für Einheiten: bitte mindestens eine wählen.");
        if (ids.Count > 0 && input.Role == Roles.Admin)
            return Outcome.Refused("Die Administration arbeitet für keine Einheit (sie sieht keine Fallakten): bitte keine Einheit wählen.");
        return null;
    }

    /// <summary>16 characters from an alphabet without look-alikes (no 0/O, 1/l/I), with each kind Identity asks for.</summary>
    internal static string NewPassword()
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789", signs = "-+!?#";
        var all = lower + upper + digits;
        var chars = new char[16];
        for (var i = 0; i < chars.Length; i++) chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        chars[RandomNumberGenerator.GetInt32(0, 4)] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[RandomNumberGenerator.GetInt32(4, 8)] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[RandomNumberGenerator.GetInt32(8, 12)] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        chars[RandomNumberGenerator.GetInt32(12, 16)] = signs[RandomNumberGenerator.GetInt32(signs.Length)];
        return new string(chars);
    }
}

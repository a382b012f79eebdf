using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Access;

/// <summary>
/// A person changes their own password: the current one is required (a wrong one counts towards the lockout like a
/// wrong sign-in), the new one follows the rules below, and both outcomes are in the audit trail. Accounts from
/// Entra ID have no password here.
/// </summary>
public sealed class PasswordChange(UserManager<AppUser> users, IDbContextFactory<BackOfficeDb> factory)
{
    /// <summary>The rules, as the form shows them; Identity's options (AccessSetup) enforce them.</summary>
    public static readonly string[] Rules =
        [$"mindestens {AccessSetup.MinPasswordLength} Zeichen", "Groß- und Kleinbuchstaben", "mindestens eine Ziffer", "mindestens ein Sonderzeichen (etwa - + ! ? #)", "nicht gleich dem bisherigen"];

    public async Task<Outcome> ChangeAsync(AppUser user, string current, string next, string repeat)
    {
        if (user.EntraObjectId is not null) return Outcome.Refused("Sie melden sich mit Entra ID an; Ihr Passwort ändern Sie dort.");
        if (string.IsNullOrEmpty(current)) return Outcome.Refused("Bitte das bisherige Passwort eingeben.");
        if (string.IsNullOrEmpty(next)) return Outcome.Refused("Bitte ein neues Passwort eingeben.");
        if (next != repeat) return Outcome.Refused("Die beiden neuen Passwörter stimmen nicht überein.");
        if (next == current) return Outcome.Refused("Das neue Passwort muss sich vom bisherigen unterscheiden.");
        if (await users.IsLockedOutAsync(user)) return Outcome.Refused("Ihr Konto ist nach zu vielen Fehlversuchen vorübergehend gesperrt. Bitte später noch einmal versuchen.");
        if (!await users.CheckPasswordAsync(user, current))
        {
            await users.AccessFailedAsync(user);
            await LogAsync(user, "password-change-failed", "bisheriges Passwort falsch");
            return Outcome.Refused("Das bisherige Passwort stimmt nicht.");
        }
        var result = await users.ChangePasswordAsync(user, current, next);
        if (!result.Succeeded)
            return Outcome.Refused(string.Join(" ", result.Errors.Select(e => e.Description).Distinct()));
        user.MustChangePassword = false;
        await users.ResetAccessFailedCountAsync(user);
        await users.UpdateAsync(user);
        await LogAsync(user, "password-changed", null);
        return Outcome.Done("Ihr Passwort ist geändert.");
    }

    private async Task LogAsync(AppUser user, string action, string? details)
    {
        await using var db = await factory.CreateDbContextAsync();
        db.Actor = user.UserName ?? "";
        db.LogEvent(action, nameof(AppUser), user.Id, details: details);
        await db.SaveChangesAsync();
    }
}

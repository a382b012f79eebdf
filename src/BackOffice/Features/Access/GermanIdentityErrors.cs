using Microsoft.AspNetCore.Identity;

namespace BackOffice.Features.Access;

/// <summary>Identity's messages in German, for what a person reads when choosing a password.</summary>
public sealed class GermanIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "Das hat nicht geklappt. Bitte noch einmal versuchen." };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "Das bisherige Passwort stimmt nicht." };
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"Das neue Passwort ist zu kurz: mindestens {length} Zeichen." };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"Das neue Passwort braucht mindestens {uniqueChars} verschiedene Zeichen." };
    public override IdentityError PasswordRequiresNonAlphanumeric() => new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = "Das neue Passwort braucht ein Sonderzeichen (etwa - + ! ? #)." };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = "Das neue Passwort braucht eine Ziffer." };
    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = "Das neue Passwort braucht einen Kleinbuchstaben." };
    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper), Description = "Das neue Passwort braucht einen Großbuchstaben." };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "Das Konto wurde gleichzeitig anderswo geändert. Bitte noch einmal versuchen." };
}

using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Files;

/// <summary>
/// The applicant of a file, told apart from others of the same name by birth date and address (issue 11): shown on the
/// cover and wherever files are found, corrected on the file page.
/// </summary>
public static class Parties
{
    public const int MaxAddressLength = 300;

    /// <summary>"Lindenweg 4, 12345 Lindenau" from its parts; null when nothing is known.</summary>
    public static string? Address(string? street, string? postalCode, string? city)
    {
        var place = string.Join(' ', new[] { postalCode, city }.Select(PlainText.Clean).Where(x => !string.IsNullOrEmpty(x)));
        var line = string.Join(", ", new[] { PlainText.Clean(street), place }.Where(x => !string.IsNullOrEmpty(x)));
        return line.Length == 0 ? null : line.Length > MaxAddressLength ? line[..MaxAddressLength] : line;
    }

    /// <summary>"geb. 03.04.1981, Lindenweg 4, 12345 Lindenau", or "" when neither is known.</summary>
    public static string Distinction(DateOnly? birthDate, string? address) =>
        string.Join(", ", new[] { birthDate is { } b ? $"geb. {b.ToString("dd.MM.yyyy", Labels.German)}" : null, address }.Where(x => x is not null));

    /// <summary>Corrects birth date and address of the file's applicant.</summary>
    public static async Task<Outcome> SetApplicantAsync(BackOfficeDb db, int fileId, DateOnly? birthDate, string? address, CancellationToken ct = default)
    {
        address = PlainText.Clean(address) ?? "";
        if (address.Length > MaxAddressLength) return Outcome.Refused($"Die Anschrift ist {address.Length:N0} Zeichen lang; höchstens {MaxAddressLength} sind möglich.");
        var today = LocalDays.Today();
        if (birthDate > today) return Outcome.Refused("Das Geburtsdatum liegt in der Zukunft. Bitte prüfen.");
        if (birthDate < today.AddYears(-130)) return Outcome.Refused("Das Geburtsdatum liegt mehr als 130 Jahre zurück. Bitte prüfen.");
        var file = await db.CaseFiles.SingleOrDefaultAsync(f => f.Id == fileId, ct);
        if (file is null) return Outcome.Refused("Diese Akte gibt es nicht in Ihren Organisationseinheiten.");
        var newAddress = address.Length == 0 ? null : address;
        if (file.ApplicantBirthDate == birthDate && file.ApplicantAddress == newAddress) return Outcome.Stale("Geburtsdatum und Anschrift sind unverändert.");
        (file.ApplicantBirthDate, file.ApplicantAddress) = (birthDate, newAddress);
        await db.SaveChangesAsync(ct);
        return Outcome.Done($"Die Angaben zu {file.ApplicantName ?? "der antragstellenden Person"} sind gespeichert.");
    }
}

using System.Globalization;
using BackOffice.Data;

namespace BackOffice.Shared;

/// <summary>German names and local times for the UI; the database keeps enums and UTC.</summary>
public static class Labels
{
    public static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    /// <summary>What every list and page says where nobody is responsible.</summary>
    public const string Unassigned = "nicht zugewiesen";
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static string Of(CaseStatus s) => s switch
    {
        CaseStatus.Eingegangen => "eingegangen",
        CaseStatus.InBearbeitung => "in Bearbeitung",
        CaseStatus.Nachforderung => "Nachforderung",
        CaseStatus.Entschieden => "entschieden",
        CaseStatus.Abgeschlossen => "abgeschlossen",
        _ => s.ToString(),
    };

    public static string Of(Channel c) => c switch
    {
        Channel.Portal => "Portal",
        Channel.Papier => "Papier",
        Channel.EMail => "E-Mail",
        Channel.Upload => "Upload",
        _ => c.ToString(),
    };

    public static string Of(UnitLevel l) => l switch
    {
        UnitLevel.Kreis => "Kreis",
        UnitLevel.Fachbereich => "Fachbereich",
        UnitLevel.Fachdienst => "Fachdienst",
        _ => "Team",
    };

    public static string Of(DocumentType t) => t switch
    {
        DocumentType.Antrag => "Antrag",
        DocumentType.Nachweis => "Nachweis",
        DocumentType.Schreiben => "Schreiben",
        DocumentType.Nachforderung => "Nachforderung",
        DocumentType.Bescheid => "Bescheid",
        DocumentType.Vermerk => "Vermerk",
        _ => "Sonstiges",
    };

    public static string Of(LetterKind k) => k switch
    {
        LetterKind.Nachforderung => "Nachforderung",
        LetterKind.Bescheid => "Bescheid",
        _ => "Schreiben",
    };

    /// <summary>What a letter of the kind does to its case, as the letter form says it.</summary>
    public static string Effect(LetterKind k) => k switch
    {
        LetterKind.Nachforderung => "Unterlagen anfordern",
        LetterKind.Bescheid => "Vorgang wird entschieden",
        _ => "Status bleibt",
    };

    public static string Of(InboxState s) => s switch
    {
        InboxState.Neu => "neu",
        InboxState.Zugewiesen => "zugewiesen",
        _ => "erledigt",
    };

    public static System.DateTime Local(System.DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc), Berlin);
    public static string Date(System.DateTime? utc) => utc is { } d ? Local(d).ToString("dd.MM.yyyy", German) : "–";
    public static string Time(System.DateTime utc) => Local(utc).ToString("HH:mm:ss", German);
    public static string DateTime(System.DateTime? utc) => utc is { } d ? Local(d).ToString("dd.MM.yyyy HH:mm", German) : "–";

    /// <summary>
    /// A number with its noun in the right form, in German digits: Count(1, "Eingang", "Eingänge") is "1 Eingang",
    /// Count(1234, …) is "1.234 Eingänge".
    /// </summary>
    public static string Count(int n, string singular, string plural) => $"{n.ToString("N0", German)} {(n == 1 ? singular : plural)}";

    /// <summary>A share as German percent with one decimal: Percent(0.9234) is "92,3 %".</summary>
    public static string Percent(double share) => (share * 100).ToString("0.0", German) + " %";

    /// <summary>The count line above a list: "1 Eingang", "12 Eingänge", "mehr als 10.000 Eingänge".</summary>
    public static string ListCount(int n, bool capped, string singular, string plural) =>
        capped ? $"mehr als {Count(n, singular, plural)}" : Count(n, singular, plural);

    /// <summary>Deadline state in words (never by colour alone).</summary>
    public static string Deadline(System.DateTime? dueAt, CaseStatus status, System.DateTime now)
    {
        if (dueAt is null) return "keine Frist";
        if (status >= CaseStatus.Entschieden) return "erledigt";
        var days = (int)Math.Floor((Local(dueAt.Value).Date - Local(now).Date).TotalDays);
        return days switch
        {
            < 0 => $"überfällig seit {Count(-days, "Tag", "Tagen")}",
            0 => "heute fällig",
            1 => "morgen fällig",
            _ => $"fällig in {days} Tagen",
        };
    }
}

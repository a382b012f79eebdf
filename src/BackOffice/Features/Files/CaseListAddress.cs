using System.Globalization;
using BackOffice.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace BackOffice.Features.Files;

/// <summary>
/// The filters of "Meine Vorgänge" in the page's address, so that Back from a case, a reload or a bookmark shows the
/// same list. Null means "as the page starts" (its defaults depend on the role).
/// </summary>
public sealed record CaseListAddress(string? Text = null, string? Status = null, int? ServiceId = null, DateOnly? From = null, DateOnly? To = null,
    bool? MineOnly = null, bool OverdueOnly = false, string? Assignee = null)
{
    public const string Path = "vorgaenge";

    public static CaseListAddress Parse(string uri)
    {
        var query = QueryHelpers.ParseQuery(new Uri(uri).Query);
        string? Get(string name) => query.TryGetValue(name, out var v) && v.ToString() is { Length: > 0 } s ? s : null;
        DateOnly? Day(string name) => DateOnly.TryParseExact(Get(name), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year >= 1900 ? d : null;
        return new(
            // The search field takes 200 characters; a longer text in the address is cut there, not dropped.
            PlainText.Clean(Get("suche")) is { Length: > 0 } text ? text[..Math.Min(text.Length, 200)] : null,
            Get("status"),
            int.TryParse(Get("leistung"), NumberStyles.None, CultureInfo.InvariantCulture, out var service) ? service : null,
            Day("von"), Day("bis"),
            Get("mir") switch { "1" => true, "0" => false, _ => null },
            Get("ueberfaellig") == "1",
            Get("zustaendig"));
    }

    public string ToUri()
    {
        var query = AddressQuery.Join(("suche", Text), ("status", Status), ("leistung", ServiceId?.ToString(CultureInfo.InvariantCulture)),
            ("von", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("bis", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("mir", MineOnly is { } m ? (m ? "1" : "0") : null), ("ueberfaellig", OverdueOnly ? "1" : null), ("zustaendig", Assignee));
        return query.Length == 0 ? Path : $"{Path}?{query}";
    }
}

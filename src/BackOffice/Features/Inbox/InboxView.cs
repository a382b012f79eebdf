using System.Globalization;
using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace BackOffice.Features.Inbox;

/// <summary>
/// What the Posteingang shows, kept in the address (posteingang?status=alle&amp;suche=Müller&amp;eingang=E-2026-…), so that
/// reload, Back and a copied link bring back the same filters, page and selected item. Only what differs from
/// the defaults is written; parameter names and values are German, as the clerk sees them in the address bar.
/// </summary>
public sealed record InboxView
{
    public string? Text { get; init; }
    public InboxList.StateFilter State { get; init; } = InboxList.StateFilter.Open;
    public InboxList.AssigneeFilter Assignee { get; init; }
    public Channel? Channel { get; init; }
    public int? ServiceId { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public InboxList.Sort Sort { get; init; }
    /// <summary>Rows skipped: the page.</summary>
    public int Skip { get; init; }
    /// <summary>Registration number of the item in the preview.</summary>
    public string? Selected { get; init; }

    public const int PageSize = 20;
    public const int MaxTextLength = 200;

    private static readonly Dictionary<InboxList.StateFilter, string> States = new()
    {
        [InboxList.StateFilter.Open] = "offen", [InboxList.StateFilter.New] = "neu", [InboxList.StateFilter.Assigned] = "zugewiesen",
        [InboxList.StateFilter.Waiting] = "wiedervorlage", [InboxList.StateFilter.Done] = "erledigt", [InboxList.StateFilter.All] = "alle",
    };
    private static readonly Dictionary<InboxList.AssigneeFilter, string> Assignees = new()
    {
        [InboxList.AssigneeFilter.All] = "alle", [InboxList.AssigneeFilter.Me] = "mir", [InboxList.AssigneeFilter.Unassigned] = "niemand",
    };
    private static readonly Dictionary<InboxList.Sort, string> Sorts = new()
    {
        [InboxList.Sort.Newest] = "neueste", [InboxList.Sort.Oldest] = "aelteste", [InboxList.Sort.Sender] = "absender",
    };

    /// <summary>The rarely used filters are set: their fold opens by itself.</summary>
    public bool UsesMoreFilters => Channel is not null || ServiceId is not null || From is not null || To is not null || Sort != InboxList.Sort.Newest;

    public InboxList.Filter ToFilter(string? userId)
    {
        var (from, to) = LocalDays.Range(From?.ToDateTime(TimeOnly.MinValue), To?.ToDateTime(TimeOnly.MinValue));
        return new InboxList.Filter
        {
            State = State, Assignee = Assignee, UserId = userId, Channel = Channel, ServiceId = ServiceId, Text = Text, Sort = Sort,
            ReceivedFrom = from, ReceivedTo = to, // the whole day of "bis"
        };
    }

    /// <summary>A saved filter, shown from its first page.</summary>
    public static InboxView FromFilter(InboxList.Filter f) => new()
    {
        Text = f.Text, State = f.State, Assignee = f.Assignee, Channel = f.Channel, ServiceId = f.ServiceId, Sort = f.Sort,
        From = f.ReceivedFrom is { } from ? DateOnly.FromDateTime(Labels.Local(from)) : null,
        To = f.ReceivedTo is { } to ? DateOnly.FromDateTime(Labels.Local(to)).AddDays(-1) : null,
    };

    /// <summary>The relative address of this view ("posteingang" when everything is default).</summary>
    public string ToUri()
    {
        var query = new List<KeyValuePair<string, string?>>();
        void Add(string key, string? value) { if (!string.IsNullOrEmpty(value)) query.Add(new(key, value)); }
        Add("suche", Text);
        if (State != InboxList.StateFilter.Open) Add("status", States[State]);
        if (Assignee != InboxList.AssigneeFilter.All) Add("zustaendig", Assignees[Assignee]);
        Add("kanal", Channel?.ToString().ToLowerInvariant());
        Add("leistung", ServiceId?.ToString(CultureInfo.InvariantCulture));
        Add("von", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("bis", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (Sort != InboxList.Sort.Newest) Add("reihenfolge", Sorts[Sort]);
        if (Skip > 0) Add("seite", (Skip / PageSize + 1).ToString(CultureInfo.InvariantCulture));
        Add("eingang", Selected);
        return QueryHelpers.AddQueryString("posteingang", query);
    }

    /// <summary>Reads a view from an address; what is unknown or malformed keeps its default (a typed address never fails).</summary>
    public static InboxView Parse(string uri)
    {
        var q = uri.IndexOf('?') is var i and >= 0 ? QueryHelpers.ParseQuery(uri[i..]) : [];
        string? Get(string key) => q.TryGetValue(key, out var v) && PlainText.Clean(v.ToString()) is { Length: > 0 } s ? s : null;
        static T? Lookup<T>(Dictionary<T, string> names, string? value) where T : struct =>
            names.FirstOrDefault(n => n.Value == value?.ToLowerInvariant()) is { Value: not null } hit ? hit.Key : null;
        static DateOnly? Day(string? s) => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        return new InboxView
        {
            Text = Get("suche") is { } text ? text[..Math.Min(text.Length, MaxTextLength)] : null,
            State = Lookup(States, Get("status")) ?? InboxList.StateFilter.Open,
            Assignee = Lookup(Assignees, Get("zustaendig")) ?? InboxList.AssigneeFilter.All,
            Channel = Enum.GetValues<Channel>().Cast<Channel?>().FirstOrDefault(c => c.ToString()!.Equals(Get("kanal"), StringComparison.OrdinalIgnoreCase)),
            ServiceId = int.TryParse(Get("leistung"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null,
            From = Day(Get("von")),
            To = Day(Get("bis")),
            Sort = Lookup(Sorts, Get("reihenfolge")) ?? InboxList.Sort.Newest,
            Skip = int.TryParse(Get("seite"), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is > 1 and < 100_000 ? (page - 1) * PageSize : 0,
            Selected = Get("eingang") is { Length: <= 40 } number ? number : null,
        };
    }
}

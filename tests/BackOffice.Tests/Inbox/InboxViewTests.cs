using BackOffice.Data;
using BackOffice.Features.Inbox;

namespace BackOffice.Tests.Inbox;

/// <summary>The Posteingang's address: every view comes back as it was, and any typed address is read without failing.</summary>
public class InboxViewTests
{
    public static TheoryData<InboxView> Views => new()
    {
        new InboxView(),
        new InboxView { Text = "Müller & Söhne, Flur 3/4 #1 ?x=y", State = InboxList.StateFilter.All, Selected = "E-2026-0000042" },
        new InboxView { State = InboxList.StateFilter.Waiting, Assignee = InboxList.AssigneeFilter.Unassigned, Channel = Channel.Papier, ServiceId = 7,
            From = new DateOnly(2026, 3, 29), To = new DateOnly(2026, 10, 25), Sort = InboxList.Sort.Sender, Skip = 40 },
    };

    [Theory]
    [MemberData(nameof(Views))]
    public void A_view_survives_its_address(InboxView view) => Assert.Equal(view, InboxView.Parse("http://localhost/" + view.ToUri()));

    [Fact]
    public void Defaults_are_left_out_of_the_address() => Assert.Equal("posteingang", new InboxView().ToUri());

    [Theory]
    [InlineData("/posteingang?status=%00kaputt&seite=-3&von=31.02.2026&kanal=fax&leistung=abc&reihenfolge=")]
    [InlineData("/posteingang?seite=99999999999999&bis=2026-13-01&zustaendig=MIR")]
    [InlineData("/posteingang?%%%")]
    public void Nonsense_falls_back_to_the_defaults(string uri)
    {
        var view = InboxView.Parse("http://localhost" + uri);
        Assert.Equal(new InboxView { Assignee = view.Assignee }, view with { Text = null, Selected = null });
    }

    [Fact]
    public void A_saved_filter_shows_the_same_days()
    {
        var view = new InboxView { From = new DateOnly(2026, 10, 25), To = new DateOnly(2026, 10, 25), Text = "Kaiser" };
        Assert.Equal(view, InboxView.FromFilter(view.ToFilter("u1")));
    }
}

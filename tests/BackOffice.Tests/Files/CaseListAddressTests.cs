using BackOffice.Features.Files;

namespace BackOffice.Tests.Files;

/// <summary>The filters of "Meine Vorgänge" survive their address (Back from a case, reload, bookmark).</summary>
public class CaseListAddressTests
{
    public static TheoryData<CaseListAddress> Addresses() =>
    [
        new CaseListAddress(),
        new CaseListAddress("Müller & Söhne ?x=1", "Entschieden", 7, new DateOnly(2026, 3, 29), new DateOnly(2026, 10, 25), MineOnly: false, OverdueOnly: true),
        new CaseListAddress("50.1-", Assignee: "alle", MineOnly: null),
    ];

    [Theory]
    [MemberData(nameof(Addresses))]
    public void A_list_survives_its_address(CaseListAddress address) =>
        Assert.Equal(address, CaseListAddress.Parse("http://localhost/" + address.ToUri()));

    [Fact]
    public void Nonsense_in_the_address_falls_back_to_the_defaults()
    {
        var parsed = CaseListAddress.Parse("http://localhost/vorgaenge?von=0002-01-01&leistung=abc&mir=vielleicht&suche=" + new string('x', 500));
        // A text longer than the field takes is cut where the field would cut it, not dropped (which listed everything).
        Assert.Equal(new CaseListAddress(new string('x', 200)), parsed);
    }
}

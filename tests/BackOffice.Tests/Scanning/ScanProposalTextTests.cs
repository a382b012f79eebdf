using BackOffice.Features.Scanning;

namespace BackOffice.Tests.Scanning;

/// <summary>What the check proposes as subject and sender, read from a letter's recognised text.</summary>
public class ScanProposalTextTests
{
    [Fact]
    public void The_return_address_names_the_sender_and_the_Betreff_line_the_subject()
    {
        var text = "Brief\n\nAyşe Özdemir, Hauptstraße 12, 55743 Idar-Oberstein\n\nLandkreis Birkenfeld\n\nBetreff: Frage zum Wohngeld\n\nSehr geehrte Damen und Herren,";
        Assert.Equal("Ayşe Özdemir", ScanProposals.Sender(text));
        Assert.Equal("Frage zum Wohngeld", ScanProposals.Subject(text));
    }

    [Fact]
    public void A_return_address_the_recognition_broke_at_a_wide_gap_still_names_the_sender()
    {
        var text = "Jürgen Weiß, Lindenweg\n7, 55768 Hoppstädten-Weiersbach\n\nLandkreis Birkenfeld\n\nBetreff: Antrag";
        Assert.Equal("Jürgen Weiß", ScanProposals.Sender(text));
    }

    [Fact]
    public void Without_a_return_address_the_first_line_with_words_is_the_sender_and_nothing_is_made_up()
    {
        Assert.Equal("Stadtwerke Lindenau", ScanProposals.Sender("  \n12\nStadtwerke Lindenau\nRechnung"));
        Assert.Null(ScanProposals.Subject("Stadtwerke Lindenau\nRechnung"));
        Assert.Null(ScanProposals.Sender(""));
        Assert.Null(ScanProposals.Sender(null));
    }
}

using BackOffice.Features.Scanning;

namespace BackOffice.Tests.Scanning;

/// <summary>Separator codes, the split of a stack and the page measures, without the tools.</summary>
public class ScanSeparatorTests
{
    [Theory]
    [InlineData("BACKOFFICE-TRENNBLATT", null, null)]
    [InlineData("BACKOFFICE-TRENNBLATT;OE=50.1", "50.1", null)]
    [InlineData("BACKOFFICE-TRENNBLATT;LEISTUNG=99050012104000", null, "99050012104000")]
    [InlineData(" PATCHT ", null, null)]
    public void A_separator_code_names_its_target(string code, string? unit, string? service)
    {
        Assert.Equal(new ScanSeparators.Target(unit, service), ScanSeparators.Read(code));
        if (code.StartsWith("BACKOFFICE")) Assert.Equal(code, ScanSeparators.Code(unit, service));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("https://example.org")]
    [InlineData("BACKOFFICE")]
    [InlineData("E-2026-0000042")]
    public void Other_barcodes_are_no_separators(string? code) => Assert.Null(ScanSeparators.Read(code));

    [Fact]
    public void A_stack_splits_at_separators_which_are_dropped_with_blank_pages_when_asked()
    {
        ScanPages.Look Page(int n, double ink = 0.03, string? code = null) => new(n, ink, code);
        var looks = new[]
        {
            Page(1, code: "PATCHT"), Page(2), Page(3, 0.0002), Page(4), Page(5, code: ScanSeparators.Code("50.2")), Page(6),
            Page(7, code: "PATCHT"), Page(8, 0.0001),
        };
        var parts = ScanSeparators.Split(looks, maxBlankInk: 0.001);
        Assert.Equal(["2,4", "6"], parts.Select(p => string.Join(',', p.Pages)));
        Assert.Equal([1, 0], parts.Select(p => p.BlankPagesDropped));
        Assert.Equal([null, "50.2"], parts.Select(p => p.Separator?.UnitKey));

        var kept = ScanSeparators.Split(looks, maxBlankInk: null);
        Assert.Equal(["2,3,4", "6", "8"], kept.Select(p => string.Join(',', p.Pages)));
        Assert.Empty(ScanSeparators.Split([Page(1, 0), Page(2, code: "PATCHT")], 0.001));
    }

    [Theory]
    [InlineData(new[] { 1, 2, 3, 5, 7, 8 }, "1-3,5,7-8")]
    [InlineData(new[] { 4 }, "4")]
    [InlineData(new int[0], "")]
    public void Page_lists_read_as_ranges_and_back(int[] pages, string expected)
    {
        Assert.Equal(expected, ScanSeparators.Ranges(pages));
        Assert.Equal(pages, ScanSeparators.Pages(expected));
    }

    [Fact]
    public void A_grey_page_is_read_and_its_ink_measured_without_the_margin()
    {
        const int w = 200, h = 100;
        var pixels = Enumerable.Repeat((byte)255, w * h).ToArray();
        for (var x = 0; x < w; x++) pixels[x] = 0; // a scanner's dark top edge, inside the margin
        for (var x = 50; x < 150; x++) pixels[50 * w + x] = 0; // a line of "text"
        var pgm = System.Text.Encoding.ASCII.GetBytes($"P5\n# pdftoppm\n{w} {h}\n255\n").Concat(pixels).ToArray();
        var image = ScanPages.ReadPgm(pgm);
        Assert.NotNull(image);
        Assert.Equal((w, h), (image.Width, image.Height));
        Assert.Equal(100.0 / (180 * 90), ScanPages.Ink(image), 6);
        Assert.Null(ScanPages.ReadPgm("P6\n2 2\n255\n"u8.ToArray()));
        Assert.Null(ScanPages.ReadPgm(pgm[..100])); // cut short
    }
}

using System.IO.Compression;
using System.Text;
using BackOffice.Features.Reports.Forms;
using BackOffice.Infrastructure;
using ClosedXML.Excel;

namespace BackOffice.Tests.Reports;

/// <summary>
/// Hostile official forms, made here as real files: zip bombs in any part, ranges too large or beyond the sheet, entry
/// names that leave the package, DTDs. Each is refused when read (upload) and when filled (a form stored before).
/// </summary>
public class HostileFormTests
{
    internal static byte[] DemoTemplate()
    {
        using var resource = typeof(OfficialForms).Assembly.GetManifestResourceStream("OZG-Meldung.xlsx")!;
        using var copy = new MemoryStream();
        resource.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The demo form with one part replaced (written by <paramref name="write"/>) or added.</summary>
    internal static byte[] WithPart(string name, Action<Stream> write, byte[]? template = null)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(template ?? DemoTemplate()), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries.Where(e => e.FullName != name))
            {
                using var from = entry.Open();
                using var to = target.CreateEntry(entry.FullName).Open();
                from.CopyTo(to);
            }
            using var part = target.CreateEntry(name, CompressionLevel.SmallestSize).Open();
            write(part);
        }
        return output.ToArray();
    }

    /// <summary>A part that unpacks to <paramref name="megabytes"/> MB of whitespace inside valid XML: a zip bomb.</summary>
    internal static byte[] Bomb(string part, int megabytes) => WithPart(part, stream =>
    {
        var head = part.EndsWith("workbook.xml")
            ? "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
            : "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData/>";
        stream.Write(Encoding.UTF8.GetBytes(head));
        var spaces = new byte[1024 * 1024];
        Array.Fill(spaces, (byte)' ');
        for (var i = 0; i < megabytes; i++) stream.Write(spaces);
        stream.Write(Encoding.UTF8.GetBytes(part.EndsWith("workbook.xml") ? "</workbook>" : "</worksheet>"));
    });

    [Theory]
    [InlineData("xl/workbook.xml")]
    [InlineData("xl/worksheets/sheet1.xml")]
    [InlineData("xl/media/image1.xml")]
    public void A_zip_bomb_in_any_part_is_refused_before_it_is_read_and_before_it_is_filled(string part)
    {
        var bomb = Bomb(part, 200);
        Assert.True(bomb.Length < OfficialForms.MaxBytes, $"{bomb.Length} bytes"); // it passes the upload's size limit
        var before = GC.GetTotalAllocatedBytes();
        var (names, _, problem) = FormTemplate.Read(bomb);
        Assert.Empty(names);
        Assert.Contains("Zip-Bombe", problem);
        var (content, fillProblem) = FormTemplate.Fill(bomb, []);
        Assert.Null(content);
        Assert.Contains("Zip-Bombe", fillProblem);
        // Unpacked in a buffer and counted, never held: a few megabytes, not hundreds.
        Assert.True(GC.GetTotalAllocatedBytes() - before < 64L * 1024 * 1024, $"{(GC.GetTotalAllocatedBytes() - before) / 1024 / 1024} MB allocated");
    }

    [Fact]
    public void A_package_that_unpacks_too_large_without_packing_well_is_refused()
    {
        // Random bytes do not pack: each part is below the ratio, the whole is over the total.
        var random = new Random(7);
        var big = DemoTemplate();
        for (var i = 0; i < 4; i++)
            big = WithPart($"xl/media/bild{i}.bin", s => { var b = new byte[13 * 1024 * 1024]; random.NextBytes(b); s.Write(b); }, big);
        Assert.Contains("entpackt sich auf mehr als 48 MB", ZipPackages.Problem(big, FormTemplate.PackageLimits));
    }

    [Theory]
    [InlineData("../../x")]
    [InlineData("..\\x")]
    [InlineData("/abs")]
    [InlineData("xl/../../etc/passwd")]
    [InlineData("C:/Windows/x")]
    [InlineData("xl/\u202Egpj.exe")]
    public void An_entry_name_that_leaves_the_package_is_refused_naming_it(string name)
    {
        var hostile = WithPart(name, s => s.Write("x"u8));
        var (_, _, problem) = FormTemplate.Read(hostile);
        Assert.Contains("unzulässigen Namen", problem);
        Assert.Contains(name.Replace("\u202E", "<U+202E>"), problem); // an invisible character is named, not passed on
        Assert.Contains("unzulässigen Namen", FormTemplate.Fill(hostile, []).Problem);
    }

    [Fact]
    public void A_part_with_a_dtd_is_refused_at_reading_and_filling_not_left_to_fail_later()
    {
        var sheet = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>
            """;
        var hostile = WithPart("xl/worksheets/sheet1.xml", s => s.Write(Encoding.UTF8.GetBytes(sheet.Trim())));
        var (names, _, problem) = FormTemplate.Read(hostile);
        Assert.Empty(names);
        Assert.Contains("Dokumenttyp-Definition (DTD)", problem);
        Assert.Contains("xl/worksheets/sheet1.xml", problem);
        Assert.Contains("Dokumenttyp-Definition (DTD)", FormTemplate.Fill(hostile, []).Problem);
    }

    private static byte[] FormWithNames(params (string Name, string Reference)[] names)
    {
        using var made = new MemoryStream();
        using (var book = new XLWorkbook())
        {
            var sheet = book.AddWorksheet("Meldung");
            sheet.Cell("A1").Value = "Vordruck";
            foreach (var (name, reference) in names) book.NamedRanges.Add(name, $"Meldung!{reference}");
            book.SaveAs(made);
        }
        return made.ToArray();
    }

    [Fact]
    public void Ranges_beyond_the_sheet_or_too_large_to_fill_are_not_offered_and_say_why()
    {
        var form = FormWithNames(("Gut", "$B$2:$D$40"), ("GanzeSpalten", "$A$1:$E$1048576"), ("Jenseits", "$A$1:$XFD$9999999"),
            ("SpalteXFE", "$XFE$1"), ("ZeileNull", "$A$0"), ("Breit", "$A$1:$XFD$10"));
        var (names, skipped, problem) = FormTemplate.Read(form);
        Assert.Null(problem);
        Assert.Equal(["Gut"], names.Select(n => n.Name));
        Assert.Contains(skipped, s => s.StartsWith("„GanzeSpalten“ umfasst 5.242.880 Zellen"));
        Assert.Contains(skipped, s => s.StartsWith("„Breit“ umfasst 163.840 Zellen"));
        foreach (var outside in new[] { "Jenseits", "SpalteXFE", "ZeileNull" })
            Assert.Contains(skipped, s => s.StartsWith($"„{outside}“ verweist nicht auf eine Zelle"));
    }

    [Fact]
    public void The_largest_allowed_range_fills_quickly_and_a_range_over_it_is_refused_when_filled()
    {
        var form = FormWithNames(("Zeilen", $"$A$1:$T${FormTemplate.MaxRangeRows}"));
        var target = FormTemplate.Read(form).Names.Single();
        var rows = Enumerable.Range(1, FormTemplate.MaxRangeRows).Select(i => Enumerable.Range(0, 20).Select(c => (object?)(i * 100L + c)).ToArray()).ToList();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (content, problem) = FormTemplate.Fill(form, [new FormValue(target, null, rows)]);
        Assert.Null(problem);
        Assert.True(watch.Elapsed < FormTemplate.FillTimeLimit, $"{watch.Elapsed.TotalSeconds:0.0} s"); // walking the sheet per cell took minutes
        using (var book = new XLWorkbook(new MemoryStream(content!)))
            Assert.Equal(FormTemplate.MaxRangeRows * 100L + 19, book.Worksheet("Meldung").Cell(FormTemplate.MaxRangeRows, 20).GetValue<long>());

        // A name stored with a range over the bounds (say before they existed) is refused, not filled for good.
        var huge = target with { Rows = 1_048_576, Columns = 5 };
        Assert.Contains("zu groß", FormTemplate.Fill(form, [new FormValue(huge, null, [])]).Problem);
    }

    [Fact]
    public void Filling_stops_when_it_is_cancelled()
    {
        var form = FormWithNames(("Zeilen", "$A$1:$T$5000"));
        var target = FormTemplate.Read(form).Names.Single();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => FormTemplate.Fill(form, [new FormValue(target, null, [])], cancelled.Token));
    }
}

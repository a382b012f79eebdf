using BackOffice.Features.Documents;
using System.Net;
using BackOffice.Data;
using BackOffice.Features.Files;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace BackOffice.Tests.Documents;

/// <summary>Issue 9, defect 1: every file name works, inline and as download (RFC 6266 with RFC 5987 filename*).</summary>
public class DocumentNameTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("Antrag_Eingliederungshilfe_für_Erwachsene.pdf")]
    [InlineData("Bescheid Müller-Lüdenscheidt, Jürgen (2026).pdf")]
    [InlineData("\"Zitat\" und ; Semikolon.pdf")]
    [InlineData("Straße 5 – Ärger über Öffnungszeiten €.pdf")]
    [InlineData("日本語.pdf")]
    [InlineData("=?utf-8?B?QW50cmFn?=.pdf")]
    [InlineData("a\r\nSet-Cookie: x=1.pdf")]
    [InlineData("rechnung\u202Efdp.exe")]
    public void Any_name_becomes_a_header_that_round_trips(string name)
    {
        foreach (var type in new[] { "inline", "attachment" })
        {
            var header = DocumentEndpoints.ContentDisposition(type, name);
            Assert.All(header, c => Assert.True(c >= ' ' && c < 127, $"character {(int)c} in header"));
            var parsed = ContentDispositionHeaderValue.Parse(header);
            Assert.Equal(type, parsed.DispositionType.Value);
            var expected = BackOffice.Infrastructure.PlainText.FileName(name);
            Assert.Equal(expected, parsed.FileNameStar.Value ?? HeaderUtilities.RemoveQuotes(parsed.FileName).Value);
            Assert.DoesNotContain('\u202E', expected);
            Assert.DoesNotContain('\n', expected);
        }
    }

    [Fact]
    public async Task Every_distinct_file_name_of_the_demo_county_opens_inline_and_downloads()
    {
        await using var db = app.Data.Open(UnitScope.System);
        var social = await db.OrgUnits.Where(u => u.Key.StartsWith("50")).Select(u => u.Id).ToListAsync();
        var versions = await db.DocumentVersions.Where(v => social.Contains(v.Document!.UnitId))
            .GroupBy(v => v.FileName).Select(g => new { Name = g.Key, Id = g.Min(v => v.Id) }).ToListAsync();
        Assert.Contains(versions, v => v.Name.Any(c => c > 127)); // the sample really has umlauts
        var head = await app.SignedInAsync("head");
        foreach (var v in versions)
            foreach (var (path, type) in new[] { ($"/dokumente/{v.Id}", "inline"), ($"/dokumente/{v.Id}/ansicht", "inline"), ($"/dokumente/{v.Id}/download", "attachment") })
            {
                var response = await head.GetAsync(path);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} ({v.Name}): {(int)response.StatusCode}");
                var disposition = response.Content.Headers.ContentDisposition!;
                Assert.Equal(type, disposition.DispositionType);
                Assert.Equal(v.Name, disposition.FileNameStar);
            }
    }
}

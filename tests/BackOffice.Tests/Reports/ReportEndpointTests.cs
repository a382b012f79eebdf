using System.Net;
using Microsoft.EntityFrameworkCore;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Reports;

/// <summary>The export address through the real pipeline: who gets which units, and bad parameters in German.</summary>
public class ReportEndpointTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Url = "/statistiken/online-anteil-je-leistung-und-monat/export?von=2026-08-01&bis=2026-11-20";

    [Fact]
    public async Task Controlling_exports_its_granted_units_a_head_their_own_and_a_clerk_nothing()
    {
        var controller = await app.SignedInAsync("controller");
        var all = await controller.GetAsync(Url + "&format=csv");
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal("text/csv", all.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", all.Content.Headers.ContentDisposition!.ToString());
        var county = await all.Content.ReadAsStringAsync();
        Assert.Contains("Eingliederungshilfe", county); // Soziales
        Assert.Contains("Unterhaltsvorschuss", county); // Jugend
        await using (var db = app.Data.Open(BackOffice.Data.UnitScope.System))
        {
            // Who took which figures is in the audit trail.
            var logged = await db.AuditEvents.Where(e => e.Action == "report-exported" && e.Actor == "controller").Select(e => e.Details).ToListAsync();
            Assert.Contains(logged, d => d!.Contains("01.08.2026 bis 20.11.2026") && d.Contains("\"ausgabe\":\"csv\""));
        }

        var head = await (await app.SignedInAsync("head")).GetAsync(Url + "&format=csv");
        var soziales = await head.Content.ReadAsStringAsync();
        Assert.Contains("Eingliederungshilfe", soziales);
        Assert.DoesNotContain("Unterhaltsvorschuss", soziales);

        var xlsx = await controller.GetAsync(Url + "&format=xlsx&einheit=51.2");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        Assert.Equal("PK"u8.ToArray(), (await xlsx.Content.ReadAsByteArrayAsync())[..2]);

        var clerk = await (await app.SignedInAsync("clerk")).GetAsync(Url + "&format=csv");
        Assert.True(clerk.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden, $"{clerk.StatusCode}");
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInAsync("head")).GetAsync(Url + "&einheit=51.2")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await controller.GetAsync("/statistiken/gibt-es-nicht/export?von=2026-08-01&bis=2026-11-20")).StatusCode);
    }

    [Theory]
    [InlineData("von=2026-08-01", "Zeitraum")]
    [InlineData("von=2026-11-20&bis=2026-08-01", "Ende des Zeitraums liegt vor seinem Anfang")]
    [InlineData("von=2020-01-01&bis=2026-11-20", "Zeitraum ist zu lang")]
    [InlineData("von=2026-08-01&bis=2026-11-20&kanal=fax", "Eingangskanal")]
    [InlineData("von=2026-08-01&bis=2026-11-20&leistung=999", "Leistung gibt es nicht")]
    [InlineData("von=9999-12-30&bis=9999-12-31", "zwischen dem 01.01.2000 und dem 31.12.2099")]
    [InlineData("von=2026-08-01&bis=2026-11-20&format=pdf", "möglich sind „xlsx“ und „csv“")]
    public async Task Bad_parameters_get_a_clear_german_answer(string query, string says)
    {
        var response = await (await app.SignedInAsync("controller")).GetAsync($"/statistiken/eingaenge-je-gemeinde/export?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(says, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_filter_the_report_does_not_have_is_dropped_not_claimed()
    {
        // "Dokumente je Tag" counts documents, with no service or channel: a service in the address must not appear on its Parameter sheet.
        var response = await (await app.SignedInAsync("controller")).GetAsync("/statistiken/dokumente-je-tag/export?format=xlsx&von=2026-08-01&bis=2026-11-20&leistung=1&kanal=portal");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var book = new ClosedXML.Excel.XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var parameters = book.Worksheet("Parameter");
        var lines = parameters.RowsUsed().Skip(1).ToDictionary(r => r.Cell(1).GetString(), r => r.Cell(2));
        Assert.Equal("alle", lines["Leistung"].GetString());
        Assert.Equal("alle", lines["Eingangskanal"].GetString());
        Assert.Equal(XLDataTypeNumber, lines["Zeilen"].DataType);
        Assert.Equal(book.Worksheet(1).RowsUsed().Count() - 2, lines["Zeilen"].GetValue<int>()); // header and totals
    }

    private const ClosedXML.Excel.XLDataType XLDataTypeNumber = ClosedXML.Excel.XLDataType.Number;
}

using System.Text;
using BackOffice.Data;
using BackOffice.Features.Administration;
using BackOffice.Infrastructure;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Administration;

public class FilePlanTestsOnSqlite(SeededCounty county) : FilePlanTests<SeededCounty>(county);

public class FilePlanTestsOnMariaDb(SeededMariaDbCounty county) : FilePlanTests<SeededMariaDbCounty>(county);

/// <summary>The file plan and the services kept by the administration (issue 11), on both engines.</summary>
public abstract class FilePlanTests<TCounty>(TCounty county) : IClassFixture<TCounty> where TCounty : SeededCounty
{
    [Fact]
    public async Task The_plan_goes_out_as_excel_csv_and_comes_back_with_changes_and_new_entries()
    {
        await using var db = county.Db.Open(UnitScope.System);
        var csv = await FilePlan.ExportAsync(db);
        Assert.Equal(Encoding.UTF8.GetPreamble(), csv[..3]);
        var text = Encoding.UTF8.GetString(csv[3..]);
        Assert.StartsWith("Kennzeichen;Titel;Übergeordnet;Aufbewahrung (Jahre);Fristbeginn;Zuständige Einheit", text);
        Assert.Contains("50.1;Eingliederungshilfe;50;10;Abschluss;50.1", text);

        // Changed retention, a new child under a new parent, a title with a semicolon (quoted, as Excel writes it).
        var edited = text.Replace("50.1;Eingliederungshilfe;50;10;", "50.1;Eingliederungshilfe;50;12;")
            + "60;Bauen und Umwelt;;10;Abschluss;\r\n60.1;\"Baugenehmigung; Bauvorbescheid\";60;30;Abschluss;\r\n";
        var imported = await FilePlan.ImportAsync(db, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(edited)]);
        Assert.True(imported.IsDone, imported.Message);
        var entries = await FilePlan.AllAsync(db);
        Assert.Equal(12, entries.Single(e => e.Code == "50.1").RetentionYears);
        Assert.Equal(("Baugenehmigung; Bauvorbescheid", "60"), entries.Single(e => e.Code == "60.1") is var n ? (n.Title, n.ParentCode) : default);
        Assert.True(entries.ToList().FindIndex(e => e.Code == "60") < entries.ToList().FindIndex(e => e.Code == "60.1")); // parents first
    }

    [Fact]
    public async Task A_bad_line_refuses_the_whole_import_and_names_each_line()
    {
        await using var db = county.Db.Open(UnitScope.System);
        var before = await FilePlan.AllAsync(db);
        var csv = string.Join("\n", string.Join(';', FilePlan.CsvColumns),
            "70;Neu und gut;;10;Abschluss;",
            "71;Ohne Eltern;99;10;Abschluss;",
            "72;Zu lange;;zehn;Abschluss;",
            "73;Falsche Einheit;;10;Abschluss;99.9",
            "70;Doppelt;;10;Abschluss;",
            "50.4;Falsch eingehängt;51;10;Abschluss;",
            "51.1234567890123456789012345678;Zu langes Kennzeichen;51;10;Abschluss;");
        var refused = await FilePlan.ImportAsync(db, Encoding.UTF8.GetBytes(csv));
        Assert.IsType<RefusedOutcome>(refused);
        Assert.Contains("Zeile 3", refused.Message);
        Assert.Contains("Zeile 4", refused.Message);
        Assert.Contains("Zeile 5", refused.Message);
        Assert.Contains("mehrmals", refused.Message);
        Assert.Contains("Zeile 7: 50.4 gehört nicht unter 51: Das Kennzeichen muss mit „51.“ beginnen.", refused.Message);
        Assert.Contains("Zeile 8: Das Kennzeichen „51.1234567890123456789012345678“ ist länger als 30 Zeichen.", refused.Message);
        Assert.Equal(before.Count, (await FilePlan.AllAsync(db)).Count); // nothing, not even line 2
        Assert.IsType<RefusedOutcome>(await FilePlan.ImportAsync(db, Encoding.Latin1.GetBytes(string.Join(';', FilePlan.CsvColumns) + "\n80;Größe;;1;Abschluss;")));
        Assert.IsType<RefusedOutcome>(await FilePlan.ImportAsync(db, Encoding.UTF8.GetBytes("Code;Title\n1;x")));
    }

    [Fact]
    public async Task An_entry_cannot_go_under_itself_and_a_service_files_only_under_its_own_units_entries()
    {
        await using var db = county.Db.Open(UnitScope.System);
        var entry = (await FilePlan.AllAsync(db)).Single(e => e.Code == "50.2");
        Assert.IsType<RefusedOutcome>(await FilePlan.SaveAsync(db, entry with { ParentCode = "50.2" }));
        Assert.IsType<RefusedOutcome>(await FilePlan.SaveAsync(db, entry with { Id = null })); // the code exists
        Assert.True((await FilePlan.SaveAsync(db, entry with { RetentionYears = 15 })).IsDone);

        var service = (await Services.AllAsync(db)).First(s => s.UnitKey == "50.1");
        Assert.IsType<RefusedOutcome>(await Services.SaveAsync(db, service with { PlanCode = "50.2" })); // 50.2 files for another unit
        Assert.IsType<RefusedOutcome>(await Services.SaveAsync(db, service with { DecisionDays = 0 }));
        var saved = await Services.SaveAsync(db, service with { DecisionDays = 28, LegalBasis = "SGB IX § 14" });
        Assert.True(saved.IsDone, saved.Message);
        Assert.Equal(28, await db.Services.Where(s => s.Id == service.Id).Select(s => s.DecisionDeadlineDays).SingleAsync());
    }
}

using BackOffice.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BackOffice.Migrations;

/// <summary>
/// The search index holds only text of documents of the item's own unit (issue 9, defect 25), and an item
/// remembers the unit that registered it, for that unit's journal (defect 9).
/// </summary>
[DbContext(typeof(BackOfficeDb))]
[Migration("20261125000000_ScopedSearchAndJournal")]
public class ScopedSearchAndJournal : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.Sql("ALTER TABLE \"InboxItems\" ADD COLUMN \"RegisteredUnitId\" INTEGER NULL REFERENCES \"OrgUnits\" (\"Id\") ON DELETE RESTRICT;");
        m.Sql("UPDATE \"InboxItems\" SET \"RegisteredUnitId\" = \"UnitId\";");
        m.CreateIndex("IX_InboxItems_RegisteredUnitId_ReceivedAt", "InboxItems", ["RegisteredUnitId", "ReceivedAt"]);
        foreach (var sql in InboxSearchIndex.Drop.Where(s => s.StartsWith("DROP TRIGGER"))) m.Sql(sql.Replace("DROP TRIGGER", "DROP TRIGGER IF EXISTS") + ";");
        foreach (var sql in InboxSearchIndex.Create.Where(s => s.StartsWith("CREATE TRIGGER"))) m.Sql(sql + ";");
        m.Sql(InboxSearchIndex.Rebuild + ";");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropIndex("IX_InboxItems_RegisteredUnitId_ReceivedAt", "InboxItems");
        m.DropColumn("RegisteredUnitId", "InboxItems");
    }
}

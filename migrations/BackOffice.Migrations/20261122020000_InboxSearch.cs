using BackOffice.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BackOffice.Migrations;

/// <summary>
/// Inbox search and saved filters: the service of an inbox item, the text of documents, the full-text
/// index over inbox items (FTS5, fed by triggers) and filters saved by users.
/// </summary>
[DbContext(typeof(BackOfficeDb))]
[Migration("20261122020000_InboxSearch")]
public class InboxSearch : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        // ALTER TABLE … ADD COLUMN with an inline reference: SQLite cannot add a table constraint without
        // rebuilding the table, and a nullable column with REFERENCES is the same foreign key.
        m.Sql("ALTER TABLE \"InboxItems\" ADD COLUMN \"ServiceId\" INTEGER NULL REFERENCES \"Services\" (\"Id\") ON DELETE RESTRICT;");
        m.AddColumn<string>("Text", "Documents", nullable: true);
        m.CreateIndex("IX_InboxItems_ServiceId", "InboxItems", "ServiceId");
        m.CreateIndex("IX_InboxItems_UnitId_ServiceId_ReceivedAt", "InboxItems", ["UnitId", "ServiceId", "ReceivedAt"]);
        m.DropIndex("IX_InboxItems_AssigneeId_ReceivedAt", "InboxItems");
        m.DropIndex("IX_InboxItems_UnitId_Sender", "InboxItems");
        m.CreateIndex("IX_InboxItems_UnitId_Sender_ReceivedAt", "InboxItems", ["UnitId", "Sender", "ReceivedAt"]);
        m.CreateIndex("IX_InboxItems_Assigned", "InboxItems", ["AssigneeId", "ReceivedAt"], filter: "\"AssigneeId\" IS NOT NULL");
        m.CreateIndex("IX_InboxItems_Open", "InboxItems", ["UnitId", "ReceivedAt"], filter: "\"State\" IN (0, 1)");
        m.CreateIndex("IX_Documents_TextPending", "Documents", "Id", filter: "\"Text\" IS NULL");

        m.CreateTable("SavedFilters", t => new
        {
            Id = t.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true),
            UserId = t.Column<string>(nullable: false),
            Page = t.Column<string>(maxLength: 50, nullable: false),
            Name = t.Column<string>(maxLength: 100, nullable: false),
            Json = t.Column<string>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SavedFilters", x => x.Id);
            t.ForeignKey("FK_SavedFilters_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_SavedFilters_UserId_Page_Name", "SavedFilters", ["UserId", "Page", "Name"], unique: true);

        foreach (var sql in InboxSearchIndex.Create) m.Sql(sql + ";");
        // Existing items enter the index once.
        m.Sql(InboxSearchIndex.Rebuild + ";");
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var sql in InboxSearchIndex.Drop) m.Sql(sql + ";");
        m.DropTable("SavedFilters");
        m.DropIndex("IX_Documents_TextPending", "Documents");
        m.DropIndex("IX_InboxItems_Open", "InboxItems");
        m.DropIndex("IX_InboxItems_Assigned", "InboxItems");
        m.CreateIndex("IX_InboxItems_AssigneeId_ReceivedAt", "InboxItems", ["AssigneeId", "ReceivedAt"]);
        m.DropIndex("IX_InboxItems_UnitId_Sender_ReceivedAt", "InboxItems");
        m.CreateIndex("IX_InboxItems_UnitId_Sender", "InboxItems", ["UnitId", "Sender"]);
        m.DropIndex("IX_InboxItems_UnitId_ServiceId_ReceivedAt", "InboxItems");
        m.DropIndex("IX_InboxItems_ServiceId", "InboxItems");
        m.DropColumn("Text", "Documents");
        m.DropColumn("ServiceId", "InboxItems");
    }
}

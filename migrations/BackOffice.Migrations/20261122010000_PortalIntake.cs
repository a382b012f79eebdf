using BackOffice.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BackOffice.Migrations;

/// <summary>Portal clients, accepted submissions and the outbox of messages to applicants.</summary>
[DbContext(typeof(BackOfficeDb))]
[Migration("20261122010000_PortalIntake")]
public class PortalIntake : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("PortalClients", t => new
        {
            Id = t.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            KeyHash = t.Column<string>(maxLength: 64, nullable: false),
            KeyPrefix = t.Column<string>(maxLength: 12, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            RevokedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_PortalClients", x => x.Id));

        m.CreateTable("PortalClientUnits", t => new
        {
            PortalClientId = t.Column<int>(nullable: false),
            OrgUnitId = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_PortalClientUnits", x => new { x.PortalClientId, x.OrgUnitId });
            t.ForeignKey("FK_PortalClientUnits_OrgUnits_OrgUnitId", x => x.OrgUnitId, "OrgUnits", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_PortalClientUnits_PortalClients_PortalClientId", x => x.PortalClientId, "PortalClients", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("Submissions", t => new
        {
            Id = t.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true),
            SubmissionId = t.Column<Guid>(nullable: false),
            PortalClientId = t.Column<int>(nullable: false),
            UnitId = t.Column<int>(nullable: false),
            ContentHash = t.Column<string>(maxLength: 64, nullable: false),
            CaseId = t.Column<int>(nullable: false),
            InboxItemId = t.Column<int>(nullable: false),
            InboxNumber = t.Column<string>(maxLength: 30, nullable: false),
            ReceivedAt = t.Column<DateTime>(nullable: false),
            ServiceKey = t.Column<string>(maxLength: 20, nullable: false),
            MetadataJson = t.Column<string>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Submissions", x => x.Id);
            t.ForeignKey("FK_Submissions_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Submissions_InboxItems_InboxItemId", x => x.InboxItemId, "InboxItems", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Submissions_PortalClients_PortalClientId", x => x.PortalClientId, "PortalClients", "Id", onDelete: ReferentialAction.Restrict);
        });

        m.CreateTable("OutboxMessages", t => new
        {
            Id = t.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true),
            PortalClientId = t.Column<int>(nullable: false),
            UnitId = t.Column<int>(nullable: false),
            CaseId = t.Column<int>(nullable: false),
            SubmissionId = t.Column<Guid>(nullable: false),
            Kind = t.Column<int>(nullable: false),
            Subject = t.Column<string>(maxLength: 300, nullable: false),
            Body = t.Column<string>(nullable: false),
            DocumentVersionId = t.Column<int>(nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
            DeliveredAt = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_OutboxMessages", x => x.Id);
            t.ForeignKey("FK_OutboxMessages_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_OutboxMessages_PortalClients_PortalClientId", x => x.PortalClientId, "PortalClients", "Id", onDelete: ReferentialAction.Restrict);
        });

        m.CreateIndex("IX_OutboxMessages_CaseId", "OutboxMessages", "CaseId");
        m.CreateIndex("IX_OutboxMessages_PortalClientId_Id", "OutboxMessages", ["PortalClientId", "Id"]);
        m.CreateIndex("IX_PortalClients_KeyHash", "PortalClients", "KeyHash", unique: true);
        m.CreateIndex("IX_PortalClientUnits_OrgUnitId", "PortalClientUnits", "OrgUnitId");
        m.CreateIndex("IX_Submissions_CaseId", "Submissions", "CaseId");
        m.CreateIndex("IX_Submissions_InboxItemId", "Submissions", "InboxItemId");
        m.CreateIndex("IX_Submissions_PortalClientId", "Submissions", "PortalClientId");
        m.CreateIndex("IX_Submissions_SubmissionId", "Submissions", "SubmissionId", unique: true);
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var table in new[] { "OutboxMessages", "Submissions", "PortalClientUnits", "PortalClients" })
            m.DropTable(table);
    }
}

using BackOffice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BackOffice.Migrations;

/// <summary>
/// The first schema, written by hand (the EF design tools do not restore here). Column types are
/// left to the provider, so the same migration serves another provider; SchemaParityTests fails
/// when this and the model drift apart.
/// </summary>
[DbContext(typeof(BackOfficeDb))]
[Migration("20261122000000_Initial")]
public class Initial : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("AspNetUsers", t => new
        {
            Id = t.Column<string>(nullable: false),
            DisplayName = t.Column<string>(maxLength: 200, nullable: false),
            Role = t.Column<string>(maxLength: 50, nullable: false),
            UserName = t.Column<string>(maxLength: 256, nullable: true),
            NormalizedUserName = t.Column<string>(maxLength: 256, nullable: true),
            Email = t.Column<string>(maxLength: 256, nullable: true),
            NormalizedEmail = t.Column<string>(maxLength: 256, nullable: true),
            EmailConfirmed = t.Column<bool>(nullable: false),
            PasswordHash = t.Column<string>(nullable: true),
            SecurityStamp = t.Column<string>(nullable: true),
            ConcurrencyStamp = t.Column<string>(nullable: true),
            PhoneNumber = t.Column<string>(nullable: true),
            PhoneNumberConfirmed = t.Column<bool>(nullable: false),
            TwoFactorEnabled = t.Column<bool>(nullable: false),
            LockoutEnd = t.Column<DateTimeOffset>(nullable: true),
            LockoutEnabled = t.Column<bool>(nullable: false),
            AccessFailedCount = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_AspNetUsers", x => x.Id));

        m.CreateTable("AuditEvents", t => new
        {
            Id = t.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true),
            At = t.Column<DateTime>(nullable: false),
            Actor = t.Column<string>(maxLength: 256, nullable: false),
            Action = t.Column<string>(maxLength: 50, nullable: false),
            EntityType = t.Column<string>(maxLength: 100, nullable: false),
            EntityId = t.Column<string>(maxLength: 100, nullable: false),
            UnitId = t.Column<int>(nullable: true),
            Details = t.Column<string>(nullable: true),
            PreviousHash = t.Column<string>(maxLength: 64, nullable: false),
            Hash = t.Column<string>(maxLength: 64, nullable: false),
        }, constraints: t => t.PrimaryKey("PK_AuditEvents", x => x.Id));

        m.CreateTable("FilePlanEntries", t => new
        {
            Id = t.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true),
            Code = t.Column<string>(maxLength: 30, nullable: false),
            Title = t.Column<string>(maxLength: 300, nullable: false),
            ParentId = t.Column<int>(nullable: true),
            RetentionYears = t.Column<int>(nullable: false),
            RetentionTrigger = t.Column<string>(maxLength: 100, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_FilePlanEntries", x => x.Id);
            t.ForeignKey("FK_FilePlanEntries_FilePlanEntries_ParentId", x => x.ParentId, "FilePlanEntries", "Id", onDelete: ReferentialAction.Restrict);
        });

        m.CreateTable("Municipalities", t => new
        {
            Id = t.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true),
            Key = t.Column<string>(maxLength: 12, nullable: false),
            Name = t.Column<string>(maxLength: 200, nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Municipalities", x => x.Id));

        m.CreateTable("OrgUnits", t => new
        {
            Id = t.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true),
            Key = t.Column<string>(maxLength: 20, nullable: false),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            Level = t.Column<int>(nullable: false),
            ParentId = t.Column<int>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_OrgUnits", x => x.Id);
            t.ForeignKey("FK_OrgUnits_OrgUnits_ParentId", x => x.ParentId, "OrgUnits", "Id", onDelete: ReferentialAction.Restrict);
        });

        m.CreateTable("AspNetUserClaims", t => new
        {
            Id = t.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true),
            UserId = t.Column<string>(nullable: false),
            ClaimType = t.Column<string>(nullable: true),
            ClaimValue = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
            t.ForeignKey("FK_AspNetUserClaims_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("AspNetUserLogins", t => new
        {
            LoginProvider = t.Column<string>(nullable: false),
            ProviderKey = t.Column<string>(nullable: false),
            ProviderDisplayName = t.Column<string>(nullable: true),
            UserId = t.Column<string>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
            t.ForeignKey("FK_AspNetUserLogins_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("AspNetUserTokens", t => new
        {
            UserId = t.Column<string>(nullable: false),
            LoginProvider = t.Column<string>(nullable: false),
            Name = t.Column<string>(nullable: false),
            Value = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
            t.ForeignKey("FK_AspNetUserTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("CaseFiles", t => new
        {
            Id = t.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true),
            Reference = t.Column<string>(maxLength: 50, nullable: false),
            FilePlanEntryId = t.Column<int>(nullable: false),
            Sequence = t.Column<int>(nullable: false),
            UnitId = t.Column<int>(nullable: false),
            Title = t.Column<string>(maxLength: 300, nullable: false),
            ApplicantName = t.Column<string>(maxLength: 200, nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
            ClosedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CaseFiles", x => x.Id);
            t.ForeignKey("FK_CaseFiles_FilePlanEntries_FilePlanEntryId", x => x.FilePlanEntryId, "FilePlanEntries", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_CaseFiles_OrgUnits_UnitId", x => x.UnitId, "OrgUnits", "Id", onDelete: ReferentialAction.Restrict);
        });

        m.CreateTable("Services", t => new
        {
            Id = t.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true),
            Key = t.Column<string>(maxLength: 20, nullable: false),
            Name = t.Column<string>(maxLength: 300, nullable: false),
            UnitId = t.Column<int>(nullable: false),
            LegalBasis = t.Column<string>(maxLength: 200, nullable: false),
            JurisdictionDeadlineDays = t.Column<int>(nullable: true),
            DecisionDeadlineDays = t.Column<int>(nullable: true),
            FilePlanEntryId = t.Column<int>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Services", x => x.Id);
            t.ForeignKey("FK_Services_FilePlanEntries_FilePlanEntryId", x => x.FilePlanEntryId, "FilePlanEntries", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Services_OrgUnits_UnitId", x => x.UnitId, "OrgUnits", "Id", onDelete: ReferentialAction.Restrict);
        });

        m.CreateTable("UserUnits", t => new
        {
            UserId = t.Column<string>(nullable: false),
            OrgUnitId = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_UserUnits", x => new { x.UserId, x.OrgUnitId });
            t.ForeignKey("FK_UserUnits_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_UserUnits_OrgUnits_OrgUnitId", x => x.OrgUnitId, "OrgUnits", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("Cases", t => new
        {
            Id = t.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true),
            Reference = t.Column<string>(maxLength: 60, nullable: false, collation: "NOCASE"),
            CaseFileId = t.Column<int>(nullable: false),
            UnitId = t.Column<int>(nullable: false),
            ServiceId = t.Column<int>(nullable: true),
            MunicipalityId = t.Column<int>(nullable: true),
            Subject = t.Column<string>(maxLength: 300, nullable: false),
            ApplicantName = t.Column<string>(maxLength: 200, nullable: false, collation: "NOCASE"),
            Channel = t.Column<int>(nullable: false),
            Status = t.Column<int>(nullable: false),
            ReceivedAt = t.Column<DateTime>(nullable: false),
            StatusChangedAt = t.Column<DateTime>(nullable: false),
            DueAt = t.Column<DateTime>(nullable: true),
            DecidedAt = t.Column<DateTime>(nullable: true),
            ClosedAt = t.Column<DateTime>(nullable: true),
            AssigneeId = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Cases", x => x.Id);
            t.ForeignKey("FK_Cases_AspNetUsers_AssigneeId", x => x.AssigneeId, "AspNetUsers", "Id", onDelete: ReferentialAction.SetNull);
            t.ForeignKey("FK_Cases_CaseFiles_CaseFileId", x => x.CaseFileId, "CaseFiles", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Cases_Municipalities_MunicipalityId", x => x.MunicipalityId, "Municipalities", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Cases_OrgUnits_UnitId", x => x.UnitId, "OrgUnits", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Cases_Services_ServiceId", x => x.ServiceId, "Services", "Id", onDelete: ReferentialAction.Restrict);
        });

        m.CreateTable("CaseStatusChanges", t => new
        {
            Id = t.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true),
            CaseId = t.Column<int>(nullable: false),
            Status = t.Column<int>(nullable: false),
            ChangedAt = t.Column<DateTime>(nullable: false),
            UserId = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CaseStatusChanges", x => x.Id);
            t.ForeignKey("FK_CaseStatusChanges_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("InboxItems", t => new
        {
            Id = t.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true),
            Number = t.Column<string>(maxLength: 30, nullable: false, collation: "NOCASE"),
            Channel = t.Column<int>(nullable: false),
            ReceivedAt = t.Column<DateTime>(nullable: false),
            UnitId = t.Column<int>(nullable: false),
            AssigneeId = t.Column<string>(nullable: true),
            State = t.Column<int>(nullable: false),
            Subject = t.Column<string>(maxLength: 300, nullable: false),
            Sender = t.Column<string>(maxLength: 200, nullable: false, collation: "NOCASE"),
            CaseId = t.Column<int>(nullable: true),
            ResubmitAt = t.Column<DateTime>(nullable: true),
            Note = t.Column<string>(maxLength: 1000, nullable: true),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_InboxItems", x => x.Id);
            t.ForeignKey("FK_InboxItems_AspNetUsers_AssigneeId", x => x.AssigneeId, "AspNetUsers", "Id", onDelete: ReferentialAction.SetNull);
            t.ForeignKey("FK_InboxItems_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_InboxItems_OrgUnits_UnitId", x => x.UnitId, "OrgUnits", "Id", onDelete: ReferentialAction.Restrict);
        });

        m.CreateTable("Documents", t => new
        {
            Id = t.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true),
            CaseId = t.Column<int>(nullable: true),
            InboxItemId = t.Column<int>(nullable: true),
            UnitId = t.Column<int>(nullable: false),
            Title = t.Column<string>(maxLength: 300, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Documents", x => x.Id);
            t.ForeignKey("FK_Documents_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Documents_InboxItems_InboxItemId", x => x.InboxItemId, "InboxItems", "Id", onDelete: ReferentialAction.Restrict);
        });

        m.CreateTable("DocumentVersions", t => new
        {
            Id = t.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true),
            DocumentId = t.Column<int>(nullable: false),
            Number = t.Column<int>(nullable: false),
            Sha256 = t.Column<string>(maxLength: 64, nullable: false),
            Size = t.Column<long>(nullable: false),
            MimeType = t.Column<string>(maxLength: 100, nullable: false),
            FileName = t.Column<string>(maxLength: 260, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            CreatedById = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_DocumentVersions", x => x.Id);
            t.ForeignKey("FK_DocumentVersions_Documents_DocumentId", x => x.DocumentId, "Documents", "Id", onDelete: ReferentialAction.Cascade);
        });

        Index(m, "AspNetUserClaims", "UserId");
        Index(m, "AspNetUserLogins", "UserId");
        m.CreateIndex("EmailIndex", "AspNetUsers", "NormalizedEmail");
        m.CreateIndex("UserNameIndex", "AspNetUsers", "NormalizedUserName", unique: true);
        Index(m, "AuditEvents", "EntityType", "EntityId");
        Unique(m, "CaseFiles", "FilePlanEntryId", "Sequence");
        Unique(m, "CaseFiles", "Reference");
        Index(m, "CaseFiles", "UnitId", "ApplicantName");
        Index(m, "Cases", "AssigneeId", "ReceivedAt");
        Index(m, "Cases", "AssigneeId", "Status", "ReceivedAt");
        Index(m, "Cases", "CaseFileId");
        Index(m, "Cases", "MunicipalityId");
        Unique(m, "Cases", "Reference");
        Index(m, "Cases", "ServiceId");
        Index(m, "Cases", "UnitId", "ApplicantName");
        Index(m, "Cases", "UnitId", "DueAt");
        Index(m, "Cases", "UnitId", "Status", "DueAt");
        Index(m, "Cases", "UnitId", "Reference");
        Index(m, "Cases", "ReceivedAt");
        m.CreateIndex("IX_Cases_Undecided_UnitId_DueAt", "Cases", ["UnitId", "DueAt"], filter: "\"Status\" < 3");
        Index(m, "Cases", "UnitId", "ReceivedAt");
        Index(m, "Cases", "UnitId", "Status", "ReceivedAt");
        Index(m, "CaseStatusChanges", "CaseId", "ChangedAt");
        Index(m, "Documents", "CaseId");
        Index(m, "Documents", "InboxItemId");
        Index(m, "InboxItems", "UnitId", "Sender");
        Index(m, "InboxItems", "UnitId", "Number");
        Index(m, "InboxItems", "UnitId", "ReceivedAt");
        Index(m, "InboxItems", "AssigneeId", "ReceivedAt");
        Index(m, "InboxItems", "ReceivedAt");
        Unique(m, "DocumentVersions", "DocumentId", "Number");
        Index(m, "DocumentVersions", "Sha256");
        Unique(m, "FilePlanEntries", "Code");
        Index(m, "FilePlanEntries", "ParentId");
        Index(m, "InboxItems", "AssigneeId", "State");
        Index(m, "InboxItems", "CaseId");
        Unique(m, "InboxItems", "Number");
        Index(m, "InboxItems", "UnitId", "State", "ReceivedAt");
        Unique(m, "Municipalities", "Key");
        Unique(m, "OrgUnits", "Key");
        Index(m, "OrgUnits", "ParentId");
        Unique(m, "Services", "Key");
        Index(m, "Services", "FilePlanEntryId");
        Index(m, "Services", "UnitId");
        Index(m, "UserUnits", "OrgUnitId");

        // The audit trail is append-only in the database itself, not only by convention.
        if (m.IsSqlite())
        {
            m.Sql("CREATE TRIGGER AuditEvents_NoUpdate BEFORE UPDATE ON AuditEvents BEGIN SELECT RAISE(ABORT, 'AuditEvents are append-only'); END;");
            m.Sql("CREATE TRIGGER AuditEvents_NoDelete BEFORE DELETE ON AuditEvents BEGIN SELECT RAISE(ABORT, 'AuditEvents are append-only'); END;");
        }
    }

    /// <summary>An index named as EF names it: IX_Table_Col1_Col2.</summary>
    private static void Index(MigrationBuilder m, string table, params string[] columns) =>
        m.CreateIndex($"IX_{table}_{string.Join('_', columns)}", table, columns);

    private static void Unique(MigrationBuilder m, string table, params string[] columns) =>
        m.CreateIndex($"IX_{table}_{string.Join('_', columns)}", table, columns, unique: true);

    protected override void Down(MigrationBuilder m)
    {
        foreach (var table in new[] { "DocumentVersions", "Documents", "InboxItems", "CaseStatusChanges", "Cases", "UserUnits",
                     "Services", "CaseFiles", "AspNetUserTokens", "AspNetUserLogins", "AspNetUserClaims", "OrgUnits",
                     "Municipalities", "FilePlanEntries", "AuditEvents", "AspNetUsers" })
            m.DropTable(table);
    }
}

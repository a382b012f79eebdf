using System;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Migrations.MariaDb.Migrations
{
    /// <inheritdoc />
    public partial class Retention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ArchivePackageSha256",
                table: "CaseFiles",
                type: "varchar(64)",
                maxLength: 64,
                nullable: true,
                collation: "utf8mb4_german2_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<DateTime>(
                name: "ArchivedAt",
                table: "CaseFiles",
                type: "datetime(6)",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RetainUntil",
                table: "CaseFiles",
                type: "datetime(6)",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DeletedFiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("MySql:ValueGenerationStrategy", MySqlValueGenerationStrategy.IdentityColumn),
                    Reference = table.Column<string>(type: "varchar(50)", maxLength: 50, nullable: false, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    UnitId = table.Column<int>(type: "int", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime(6)", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "datetime(6)", nullable: true),
                    DeletedAt = table.Column<DateTime>(type: "datetime(6)", nullable: false),
                    DeletedBy = table.Column<string>(type: "varchar(256)", maxLength: 256, nullable: false, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    PackageSha256 = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: false, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    Cases = table.Column<int>(type: "int", nullable: false),
                    Documents = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeletedFiles", x => x.Id);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_german2_ci");

            migrationBuilder.CreateIndex(
                name: "IX_CaseFiles_RetainUntil",
                table: "CaseFiles",
                column: "RetainUntil");

            migrationBuilder.CreateIndex(
                name: "IX_DeletedFiles_DeletedAt",
                table: "DeletedFiles",
                column: "DeletedAt");

            migrationBuilder.CreateIndex(
                name: "IX_DeletedFiles_Reference",
                table: "DeletedFiles",
                column: "Reference");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DeletedFiles");

            migrationBuilder.DropIndex(
                name: "IX_CaseFiles_RetainUntil",
                table: "CaseFiles");

            migrationBuilder.DropColumn(
                name: "ArchivePackageSha256",
                table: "CaseFiles");

            migrationBuilder.DropColumn(
                name: "ArchivedAt",
                table: "CaseFiles");

            migrationBuilder.DropColumn(
                name: "RetainUntil",
                table: "CaseFiles");
        }
    }
}

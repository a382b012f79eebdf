using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ArchivedAt",
                table: "CaseFiles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RetainUntil",
                table: "CaseFiles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DeletedFiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeletedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PackageSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Cases = table.Column<int>(type: "INTEGER", nullable: false),
                    Documents = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeletedFiles", x => x.Id);
                });

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

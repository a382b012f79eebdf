using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Migrations.MariaDb.Migrations
{
    /// <inheritdoc />
    public partial class FileListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_CaseFiles_CreatedAt",
                table: "CaseFiles",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_CaseFiles_UnitId_CreatedAt",
                table: "CaseFiles",
                columns: new[] { "UnitId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseFiles_UnitId_FilePlanEntryId_CreatedAt",
                table: "CaseFiles",
                columns: new[] { "UnitId", "FilePlanEntryId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseFiles_UnitId_Reference",
                table: "CaseFiles",
                columns: new[] { "UnitId", "Reference" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CaseFiles_CreatedAt",
                table: "CaseFiles");

            migrationBuilder.DropIndex(
                name: "IX_CaseFiles_UnitId_CreatedAt",
                table: "CaseFiles");

            migrationBuilder.DropIndex(
                name: "IX_CaseFiles_UnitId_FilePlanEntryId_CreatedAt",
                table: "CaseFiles");

            migrationBuilder.DropIndex(
                name: "IX_CaseFiles_UnitId_Reference",
                table: "CaseFiles");
        }
    }
}

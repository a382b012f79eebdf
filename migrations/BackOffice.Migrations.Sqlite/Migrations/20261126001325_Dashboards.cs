using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Dashboards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_UnitId_ReceivedAt",
                table: "Cases");

            migrationBuilder.AddColumn<int>(
                name: "ProcessingHours",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            // Cases decided before this version: their processing hours from the two moments.
            migrationBuilder.Sql("UPDATE Cases SET ProcessingHours = CAST((julianday(DecidedAt) - julianday(ReceivedAt)) * 24 AS INTEGER) WHERE DecidedAt IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_UnitId_DecidedAt",
                table: "Cases",
                columns: new[] { "UnitId", "DecidedAt", "AssigneeId", "ProcessingHours" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_UnitId_ReceivedAt",
                table: "Cases",
                columns: new[] { "UnitId", "ReceivedAt", "ServiceId", "Channel", "AssigneeId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_UnitId_DecidedAt",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_UnitId_ReceivedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ProcessingHours",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_UnitId_ReceivedAt",
                table: "Cases",
                columns: new[] { "UnitId", "ReceivedAt" });
        }
    }
}

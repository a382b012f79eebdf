using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Migrations.MariaDb.Migrations
{
    /// <inheritdoc />
    public partial class DashboardIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_UnitId_ReceivedAt",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_UnitId_DecidedAt",
                table: "Cases",
                columns: new[] { "UnitId", "DecidedAt", "ReceivedAt", "ServiceId", "Channel", "AssigneeId" });

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

            migrationBuilder.CreateIndex(
                name: "IX_Cases_UnitId_ReceivedAt",
                table: "Cases",
                columns: new[] { "UnitId", "ReceivedAt" });
        }
    }
}

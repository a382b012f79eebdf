using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Migrations.MariaDb.Migrations
{
    /// <inheritdoc />
    public partial class FilePlanResponsibleUnit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ResponsibleUnitId",
                table: "FilePlanEntries",
                type: "int",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_FilePlanEntries_ResponsibleUnitId",
                table: "FilePlanEntries",
                column: "ResponsibleUnitId");

            migrationBuilder.AddForeignKey(
                name: "FK_FilePlanEntries_OrgUnits_ResponsibleUnitId",
                table: "FilePlanEntries",
                column: "ResponsibleUnitId",
                principalTable: "OrgUnits",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_FilePlanEntries_OrgUnits_ResponsibleUnitId",
                table: "FilePlanEntries");

            migrationBuilder.DropIndex(
                name: "IX_FilePlanEntries_ResponsibleUnitId",
                table: "FilePlanEntries");

            migrationBuilder.DropColumn(
                name: "ResponsibleUnitId",
                table: "FilePlanEntries");
        }
    }
}

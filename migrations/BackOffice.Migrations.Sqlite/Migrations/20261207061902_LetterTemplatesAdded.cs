using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LetterTemplatesAdded : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LetterTemplates_Kind",
                table: "LetterTemplates");

            migrationBuilder.AddColumn<string>(
                name: "Name",
                table: "LetterTemplates",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "TemplateId",
                table: "LetterDrafts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.UpdateData(
                table: "LetterTemplates",
                keyColumn: "Id",
                keyValue: 1,
                column: "Name",
                value: "Nachforderung");

            migrationBuilder.UpdateData(
                table: "LetterTemplates",
                keyColumn: "Id",
                keyValue: 2,
                column: "Name",
                value: "Bescheid");

            migrationBuilder.CreateIndex(
                name: "IX_LetterTemplates_Kind",
                table: "LetterTemplates",
                column: "Kind");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LetterTemplates_Kind",
                table: "LetterTemplates");

            migrationBuilder.DropColumn(
                name: "Name",
                table: "LetterTemplates");

            migrationBuilder.DropColumn(
                name: "TemplateId",
                table: "LetterDrafts");

            migrationBuilder.CreateIndex(
                name: "IX_LetterTemplates_Kind",
                table: "LetterTemplates",
                column: "Kind",
                unique: true);
        }
    }
}

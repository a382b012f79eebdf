using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DocumentTypesAndParties : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Type",
                table: "Documents",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ApplicantAddress",
                table: "CaseFiles",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ApplicantBirthDate",
                table: "CaseFiles",
                type: "TEXT",
                nullable: true);

            // Documents written before types existed, by the titles the back office gave them.
            migrationBuilder.Sql("UPDATE Documents SET Type = 5 WHERE Title LIKE 'Bescheid:%'");
            migrationBuilder.Sql("UPDATE Documents SET Type = 1 WHERE Title = 'Antragsformular' OR Title LIKE 'Antrag %'");
            migrationBuilder.Sql("UPDATE Documents SET Type = 2 WHERE Title LIKE 'Anlage:%' OR Title LIKE 'Gutachten:%' OR Title = 'Nachgereichte Unterlagen'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Type",
                table: "Documents");

            migrationBuilder.DropColumn(
                name: "ApplicantAddress",
                table: "CaseFiles");

            migrationBuilder.DropColumn(
                name: "ApplicantBirthDate",
                table: "CaseFiles");
        }
    }
}

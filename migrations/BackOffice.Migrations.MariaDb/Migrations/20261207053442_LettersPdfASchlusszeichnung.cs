using System;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Migrations.MariaDb.Migrations
{
    /// <inheritdoc />
    public partial class LettersPdfASchlusszeichnung : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RemedyNotice",
                table: "Services",
                type: "varchar(5000)",
                maxLength: 5000,
                nullable: true,
                collation: "utf8mb4_german2_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<bool>(
                name: "RequiresCoSignature",
                table: "Services",
                type: "tinyint(1)",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "CoSignedAt",
                table: "Letters",
                type: "datetime(6)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CoSignedById",
                table: "Letters",
                type: "varchar(450)",
                maxLength: 450,
                nullable: true,
                collation: "utf8mb4_german2_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<string>(
                name: "BankDetails",
                table: "Letterheads",
                type: "varchar(300)",
                maxLength: 300,
                nullable: true,
                collation: "utf8mb4_german2_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<string>(
                name: "OfficeHours",
                table: "Letterheads",
                type: "varchar(300)",
                maxLength: 300,
                nullable: true,
                collation: "utf8mb4_german2_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<bool>(
                name: "CoSigns",
                table: "AspNetUsers",
                type: "tinyint(1)",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "LetterDrafts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("MySql:ValueGenerationStrategy", MySqlValueGenerationStrategy.IdentityColumn),
                    CaseId = table.Column<int>(type: "int", nullable: false),
                    UnitId = table.Column<int>(type: "int", nullable: false),
                    AuthorId = table.Column<string>(type: "varchar(450)", maxLength: 450, nullable: false, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    AuthorName = table.Column<string>(type: "varchar(300)", maxLength: 300, nullable: false, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Subject = table.Column<string>(type: "varchar(300)", maxLength: 300, nullable: false, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    Body = table.Column<string>(type: "longtext", maxLength: 20000, nullable: false, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    State = table.Column<int>(type: "int", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime(6)", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "datetime(6)", nullable: true),
                    ReturnNote = table.Column<string>(type: "varchar(2000)", maxLength: 2000, nullable: true, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    ReturnedById = table.Column<string>(type: "varchar(450)", maxLength: 450, nullable: true, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    ReturnedAt = table.Column<DateTime>(type: "datetime(6)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LetterDrafts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LetterDrafts_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_german2_ci");

            migrationBuilder.UpdateData(
                table: "Letterheads",
                keyColumn: "Id",
                keyValue: 1,
                columns: new[] { "BankDetails", "OfficeHours" },
                values: new object[] { "Sparkasse Lindenau\nIBAN DE12 8105 3272 0001 2345 67\nBIC NOLADE21LIN", "Mo, Di, Do 8:00–12:00 Uhr\nDo 14:00–18:00 Uhr\nund nach Vereinbarung" });

            migrationBuilder.CreateIndex(
                name: "IX_LetterDrafts_CaseId_AuthorId",
                table: "LetterDrafts",
                columns: new[] { "CaseId", "AuthorId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LetterDrafts_UnitId_State_SubmittedAt",
                table: "LetterDrafts",
                columns: new[] { "UnitId", "State", "SubmittedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LetterDrafts");

            migrationBuilder.DropColumn(
                name: "RemedyNotice",
                table: "Services");

            migrationBuilder.DropColumn(
                name: "RequiresCoSignature",
                table: "Services");

            migrationBuilder.DropColumn(
                name: "CoSignedAt",
                table: "Letters");

            migrationBuilder.DropColumn(
                name: "CoSignedById",
                table: "Letters");

            migrationBuilder.DropColumn(
                name: "BankDetails",
                table: "Letterheads");

            migrationBuilder.DropColumn(
                name: "OfficeHours",
                table: "Letterheads");

            migrationBuilder.DropColumn(
                name: "CoSigns",
                table: "AspNetUsers");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace BackOffice.Migrations.MariaDb.Migrations
{
    /// <inheritdoc />
    public partial class Letters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Letterheads",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    Authority = table.Column<string>(type: "varchar(200)", maxLength: 200, nullable: false, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    Street = table.Column<string>(type: "varchar(200)", maxLength: 200, nullable: false, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    PostalCodeCity = table.Column<string>(type: "varchar(200)", maxLength: 200, nullable: false, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    Phone = table.Column<string>(type: "varchar(100)", maxLength: 100, nullable: true, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    Email = table.Column<string>(type: "varchar(200)", maxLength: 200, nullable: true, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    Website = table.Column<string>(type: "varchar(200)", maxLength: 200, nullable: true, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Letterheads", x => x.Id);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_german2_ci");

            migrationBuilder.CreateTable(
                name: "Letters",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("MySql:ValueGenerationStrategy", MySqlValueGenerationStrategy.IdentityColumn),
                    CaseId = table.Column<int>(type: "int", nullable: false),
                    UnitId = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Subject = table.Column<string>(type: "varchar(300)", maxLength: 300, nullable: false, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    DocumentId = table.Column<int>(type: "int", nullable: false),
                    ByPost = table.Column<bool>(type: "tinyint(1)", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime(6)", nullable: false),
                    CreatedById = table.Column<string>(type: "longtext", nullable: true, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    PostedAt = table.Column<DateTime>(type: "datetime(6)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Letters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Letters_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Letters_Documents_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "Documents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_german2_ci");

            migrationBuilder.CreateTable(
                name: "LetterTemplates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("MySql:ValueGenerationStrategy", MySqlValueGenerationStrategy.IdentityColumn),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Subject = table.Column<string>(type: "varchar(300)", maxLength: 300, nullable: false, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    Body = table.Column<string>(type: "longtext", maxLength: 20000, nullable: false, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    RemedyNotice = table.Column<string>(type: "varchar(5000)", maxLength: 5000, nullable: true, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    UpdatedAt = table.Column<DateTime>(type: "datetime(6)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LetterTemplates", x => x.Id);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_german2_ci");

            migrationBuilder.InsertData(
                table: "LetterTemplates",
                columns: new[] { "Id", "Body", "Kind", "RemedyNotice", "Subject", "UpdatedAt" },
                values: new object[,]
                {
                    { 1, "Sehr geehrte Damen und Herren,\n\nfür die Bearbeitung Ihres Antrags auf {Leistung} benötigen wir noch folgende Unterlagen:\n\n- \n\nBitte reichen Sie diese bis zum {Frist} ein. Geben Sie dabei bitte das Aktenzeichen {Aktenzeichen} an.\n\nMit freundlichen Grüßen\n{Sachbearbeitung}", 0, null, "Ihr Antrag: {Leistung} – fehlende Unterlagen", new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { 2, "Sehr geehrte Damen und Herren,\n\nauf Ihren Antrag vom {Antragsdatum} ergeht folgender Bescheid:\n\n1. \n\nBegründung:\n\n\nMit freundlichen Grüßen\n{Sachbearbeitung}", 1, "Rechtsbehelfsbelehrung: Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden. Der Widerspruch ist schriftlich oder zur Niederschrift beim {Behörde}, {Anschrift}, einzulegen.", "Bescheid über Ihren Antrag: {Leistung}", new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc) }
                });

            migrationBuilder.InsertData(
                table: "Letterheads",
                columns: new[] { "Id", "Authority", "Email", "Phone", "PostalCodeCity", "Street", "Website" },
                values: new object[] { 1, "Landkreis Lindenau", "post@lindenau.example", "03901 500-0", "39100 Lindenau", "Kreishausplatz 1", "www.lindenau.example" });

            migrationBuilder.CreateIndex(
                name: "IX_Letters_CaseId",
                table: "Letters",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Letters_DocumentId",
                table: "Letters",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_Letters_UnitId_ByPost_PostedAt_CreatedAt",
                table: "Letters",
                columns: new[] { "UnitId", "ByPost", "PostedAt", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LetterTemplates_Kind",
                table: "LetterTemplates",
                column: "Kind",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Letterheads");

            migrationBuilder.DropTable(
                name: "Letters");

            migrationBuilder.DropTable(
                name: "LetterTemplates");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace BackOffice.Migrations.Sqlite.Migrations
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Authority = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Street = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PostalCodeCity = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Website = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Letterheads", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Letters",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    DocumentId = table.Column<int>(type: "INTEGER", nullable: false),
                    ByPost = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", nullable: true),
                    PostedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
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
                });

            migrationBuilder.CreateTable(
                name: "LetterTemplates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    RemedyNotice = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LetterTemplates", x => x.Id);
                });

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

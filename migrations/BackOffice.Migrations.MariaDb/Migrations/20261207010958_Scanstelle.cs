using System;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Migrations.MariaDb.Migrations
{
    /// <inheritdoc />
    public partial class Scanstelle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ScanBatches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("MySql:ValueGenerationStrategy", MySqlValueGenerationStrategy.IdentityColumn),
                    Scanner = table.Column<string>(type: "varchar(100)", maxLength: 100, nullable: false, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    FileName = table.Column<string>(type: "varchar(255)", maxLength: 255, nullable: false, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    OriginalName = table.Column<string>(type: "varchar(300)", maxLength: 300, nullable: false, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    Sha256 = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: false, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    CapturedAt = table.Column<DateTime>(type: "datetime(6)", nullable: false),
                    TakenAt = table.Column<DateTime>(type: "datetime(6)", nullable: false),
                    TakenBy = table.Column<string>(type: "varchar(255)", maxLength: 255, nullable: true, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    Step = table.Column<int>(type: "int", nullable: false),
                    Pages = table.Column<int>(type: "int", nullable: false),
                    Error = table.Column<string>(type: "varchar(2000)", maxLength: 2000, nullable: true, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    DuplicateOfId = table.Column<int>(type: "int", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScanBatches", x => x.Id);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_german2_ci");

            migrationBuilder.CreateTable(
                name: "ScanDocuments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("MySql:ValueGenerationStrategy", MySqlValueGenerationStrategy.IdentityColumn),
                    BatchId = table.Column<int>(type: "int", nullable: false),
                    FirstPage = table.Column<int>(type: "int", nullable: false),
                    PageCount = table.Column<int>(type: "int", nullable: false),
                    PdfSha256 = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: false, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    PdfSize = table.Column<long>(type: "bigint", nullable: false),
                    Text = table.Column<string>(type: "mediumtext", maxLength: 1000000, nullable: true, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    ProposedUnitId = table.Column<int>(type: "int", nullable: true),
                    ProposedCaseId = table.Column<int>(type: "int", nullable: true),
                    ProposalReason = table.Column<string>(type: "varchar(1000)", maxLength: 1000, nullable: true, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    State = table.Column<int>(type: "int", nullable: false),
                    InboxItemId = table.Column<int>(type: "int", nullable: true),
                    CheckedBy = table.Column<string>(type: "varchar(255)", maxLength: 255, nullable: true, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    CheckedAt = table.Column<DateTime>(type: "datetime(6)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScanDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScanDocuments_InboxItems_InboxItemId",
                        column: x => x.InboxItemId,
                        principalTable: "InboxItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ScanDocuments_OrgUnits_ProposedUnitId",
                        column: x => x.ProposedUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ScanDocuments_ScanBatches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "ScanBatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_german2_ci");

            migrationBuilder.CreateIndex(
                name: "IX_ScanBatches_Sha256",
                table: "ScanBatches",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_ScanBatches_Step_Id",
                table: "ScanBatches",
                columns: new[] { "Step", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ScanDocuments_BatchId",
                table: "ScanDocuments",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_ScanDocuments_InboxItemId",
                table: "ScanDocuments",
                column: "InboxItemId");

            migrationBuilder.CreateIndex(
                name: "IX_ScanDocuments_ProposedUnitId",
                table: "ScanDocuments",
                column: "ProposedUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ScanDocuments_State_Id",
                table: "ScanDocuments",
                columns: new[] { "State", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ScanDocuments");

            migrationBuilder.DropTable(
                name: "ScanBatches");
        }
    }
}

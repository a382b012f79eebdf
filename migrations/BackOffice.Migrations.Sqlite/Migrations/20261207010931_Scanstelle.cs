using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Migrations.Sqlite.Migrations
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Scanner = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    OriginalName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    CapturedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TakenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TakenBy = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    Step = table.Column<int>(type: "INTEGER", nullable: false),
                    Pages = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    DuplicateOfId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScanBatches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScanDocuments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BatchId = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstPage = table.Column<int>(type: "INTEGER", nullable: false),
                    PageCount = table.Column<int>(type: "INTEGER", nullable: false),
                    PdfSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PdfSize = table.Column<long>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000000, nullable: true),
                    ProposedUnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    ProposedCaseId = table.Column<int>(type: "INTEGER", nullable: true),
                    ProposalReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    InboxItemId = table.Column<int>(type: "INTEGER", nullable: true),
                    CheckedBy = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    CheckedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
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
                });

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

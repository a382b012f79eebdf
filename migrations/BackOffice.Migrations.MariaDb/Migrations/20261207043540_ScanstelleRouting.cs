using System;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Migrations.MariaDb.Migrations
{
    /// <inheritdoc />
    public partial class ScanstelleRouting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "BlankPagesDropped",
                table: "ScanDocuments",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Confidence",
                table: "ScanDocuments",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ProposedServiceId",
                table: "ScanDocuments",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "QualityCheckedAt",
                table: "ScanDocuments",
                type: "datetime(6)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "QualityCheckedBy",
                table: "ScanDocuments",
                type: "varchar(255)",
                maxLength: 255,
                nullable: true,
                collation: "utf8mb4_german2_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<bool>(
                name: "QualitySample",
                table: "ScanDocuments",
                type: "tinyint(1)",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Remark",
                table: "ScanDocuments",
                type: "varchar(1000)",
                maxLength: 1000,
                nullable: true,
                collation: "utf8mb4_german2_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<bool>(
                name: "RoutedAutomatically",
                table: "ScanDocuments",
                type: "tinyint(1)",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "SourcePages",
                table: "ScanDocuments",
                type: "varchar(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "",
                collation: "utf8mb4_german2_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<DateOnly>(
                name: "DestroyFrom",
                table: "ScanBatches",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DestroyedAt",
                table: "ScanBatches",
                type: "datetime(6)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DestroyedBy",
                table: "ScanBatches",
                type: "varchar(255)",
                maxLength: 255,
                nullable: true,
                collation: "utf8mb4_german2_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<string>(
                name: "Profile",
                table: "ScanBatches",
                type: "varchar(200)",
                maxLength: 200,
                nullable: true,
                collation: "utf8mb4_german2_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<double>(
                name: "ReadSeconds",
                table: "ScanBatches",
                type: "double",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReadStartedAt",
                table: "ScanBatches",
                type: "datetime(6)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransferNote",
                table: "Documents",
                type: "varchar(4000)",
                maxLength: 4000,
                nullable: true,
                collation: "utf8mb4_german2_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateTable(
                name: "ScanModels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("MySql:ValueGenerationStrategy", MySqlValueGenerationStrategy.IdentityColumn),
                    TrainedAt = table.Column<DateTime>(type: "datetime(6)", nullable: false),
                    Examples = table.Column<int>(type: "int", nullable: false),
                    HeldOut = table.Column<int>(type: "int", nullable: false),
                    Accuracy = table.Column<double>(type: "double", nullable: false),
                    Classes = table.Column<int>(type: "int", nullable: false),
                    Model = table.Column<byte[]>(type: "longblob", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScanModels", x => x.Id);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_german2_ci");

            migrationBuilder.CreateTable(
                name: "ScanQualityRates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("MySql:ValueGenerationStrategy", MySqlValueGenerationStrategy.IdentityColumn),
                    ServiceId = table.Column<int>(type: "int", nullable: false),
                    Percent = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScanQualityRates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScanQualityRates_Services_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "Services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_german2_ci");

            migrationBuilder.CreateTable(
                name: "ScanRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("MySql:ValueGenerationStrategy", MySqlValueGenerationStrategy.IdentityColumn),
                    UnitId = table.Column<int>(type: "int", nullable: false),
                    ServiceId = table.Column<int>(type: "int", nullable: true),
                    Match = table.Column<int>(type: "int", nullable: false),
                    Text = table.Column<string>(type: "varchar(500)", maxLength: 500, nullable: false, collation: "utf8mb4_german2_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    Active = table.Column<bool>(type: "tinyint(1)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScanRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScanRules_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ScanRules_Services_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "Services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_german2_ci");

            migrationBuilder.CreateTable(
                name: "ScanSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    AutoRoutePercent = table.Column<int>(type: "int", nullable: true),
                    OriginalsKeptWeeks = table.Column<int>(type: "int", nullable: false),
                    QualityCheckPercent = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScanSettings", x => x.Id);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_german2_ci");

            migrationBuilder.CreateIndex(
                name: "IX_ScanDocuments_ProposedServiceId",
                table: "ScanDocuments",
                column: "ProposedServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_ScanBatches_DestroyedAt_DestroyFrom",
                table: "ScanBatches",
                columns: new[] { "DestroyedAt", "DestroyFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_ScanModels_TrainedAt",
                table: "ScanModels",
                column: "TrainedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ScanQualityRates_ServiceId",
                table: "ScanQualityRates",
                column: "ServiceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScanRules_ServiceId",
                table: "ScanRules",
                column: "ServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_ScanRules_UnitId",
                table: "ScanRules",
                column: "UnitId");

            migrationBuilder.AddForeignKey(
                name: "FK_ScanDocuments_Services_ProposedServiceId",
                table: "ScanDocuments",
                column: "ProposedServiceId",
                principalTable: "Services",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ScanDocuments_Services_ProposedServiceId",
                table: "ScanDocuments");

            migrationBuilder.DropTable(
                name: "ScanModels");

            migrationBuilder.DropTable(
                name: "ScanQualityRates");

            migrationBuilder.DropTable(
                name: "ScanRules");

            migrationBuilder.DropTable(
                name: "ScanSettings");

            migrationBuilder.DropIndex(
                name: "IX_ScanDocuments_ProposedServiceId",
                table: "ScanDocuments");

            migrationBuilder.DropIndex(
                name: "IX_ScanBatches_DestroyedAt_DestroyFrom",
                table: "ScanBatches");

            migrationBuilder.DropColumn(
                name: "BlankPagesDropped",
                table: "ScanDocuments");

            migrationBuilder.DropColumn(
                name: "Confidence",
                table: "ScanDocuments");

            migrationBuilder.DropColumn(
                name: "ProposedServiceId",
                table: "ScanDocuments");

            migrationBuilder.DropColumn(
                name: "QualityCheckedAt",
                table: "ScanDocuments");

            migrationBuilder.DropColumn(
                name: "QualityCheckedBy",
                table: "ScanDocuments");

            migrationBuilder.DropColumn(
                name: "QualitySample",
                table: "ScanDocuments");

            migrationBuilder.DropColumn(
                name: "Remark",
                table: "ScanDocuments");

            migrationBuilder.DropColumn(
                name: "RoutedAutomatically",
                table: "ScanDocuments");

            migrationBuilder.DropColumn(
                name: "SourcePages",
                table: "ScanDocuments");

            migrationBuilder.DropColumn(
                name: "DestroyFrom",
                table: "ScanBatches");

            migrationBuilder.DropColumn(
                name: "DestroyedAt",
                table: "ScanBatches");

            migrationBuilder.DropColumn(
                name: "DestroyedBy",
                table: "ScanBatches");

            migrationBuilder.DropColumn(
                name: "Profile",
                table: "ScanBatches");

            migrationBuilder.DropColumn(
                name: "ReadSeconds",
                table: "ScanBatches");

            migrationBuilder.DropColumn(
                name: "ReadStartedAt",
                table: "ScanBatches");

            migrationBuilder.DropColumn(
                name: "TransferNote",
                table: "Documents");
        }
    }
}

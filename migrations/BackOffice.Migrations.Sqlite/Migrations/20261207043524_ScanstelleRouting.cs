using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Migrations.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Confidence",
                table: "ScanDocuments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ProposedServiceId",
                table: "ScanDocuments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "QualityCheckedAt",
                table: "ScanDocuments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "QualityCheckedBy",
                table: "ScanDocuments",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "QualitySample",
                table: "ScanDocuments",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Remark",
                table: "ScanDocuments",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RoutedAutomatically",
                table: "ScanDocuments",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "SourcePages",
                table: "ScanDocuments",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "DestroyFrom",
                table: "ScanBatches",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DestroyedAt",
                table: "ScanBatches",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DestroyedBy",
                table: "ScanBatches",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Profile",
                table: "ScanBatches",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "ReadSeconds",
                table: "ScanBatches",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReadStartedAt",
                table: "ScanBatches",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransferNote",
                table: "Documents",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ScanModels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TrainedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Examples = table.Column<int>(type: "INTEGER", nullable: false),
                    HeldOut = table.Column<int>(type: "INTEGER", nullable: false),
                    Accuracy = table.Column<double>(type: "REAL", nullable: false),
                    Classes = table.Column<int>(type: "INTEGER", nullable: false),
                    Model = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScanModels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScanQualityRates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ServiceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Percent = table.Column<int>(type: "INTEGER", nullable: false)
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
                });

            migrationBuilder.CreateTable(
                name: "ScanRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    ServiceId = table.Column<int>(type: "INTEGER", nullable: true),
                    Match = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false)
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
                });

            migrationBuilder.CreateTable(
                name: "ScanSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    AutoRoutePercent = table.Column<int>(type: "INTEGER", nullable: true),
                    OriginalsKeptWeeks = table.Column<int>(type: "INTEGER", nullable: false),
                    QualityCheckPercent = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScanSettings", x => x.Id);
                });

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

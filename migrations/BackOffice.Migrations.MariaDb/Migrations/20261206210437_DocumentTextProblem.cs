using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Migrations.MariaDb.Migrations
{
    /// <inheritdoc />
    public partial class DocumentTextProblem : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Text",
                table: "Documents",
                type: "mediumtext",
                maxLength: 1000000,
                nullable: true,
                collation: "utf8mb4_german2_ci",
                oldClrType: typeof(string),
                oldType: "varchar(255)",
                oldNullable: true)
                .Annotation("MySql:CharSet", "utf8mb4")
                .OldAnnotation("MySql:CharSet", "utf8mb4")
                .OldAnnotation("Relational:Collation", "utf8mb4_german2_ci");

            migrationBuilder.AddColumn<string>(
                name: "TextProblem",
                table: "Documents",
                type: "varchar(300)",
                maxLength: 300,
                nullable: true,
                collation: "utf8mb4_german2_ci")
                .Annotation("MySql:CharSet", "utf8mb4");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TextProblem",
                table: "Documents");

            migrationBuilder.AlterColumn<string>(
                name: "Text",
                table: "Documents",
                type: "varchar(255)",
                nullable: true,
                collation: "utf8mb4_german2_ci",
                oldClrType: typeof(string),
                oldType: "mediumtext",
                oldMaxLength: 1000000,
                oldNullable: true)
                .Annotation("MySql:CharSet", "utf8mb4")
                .OldAnnotation("MySql:CharSet", "utf8mb4")
                .OldAnnotation("Relational:Collation", "utf8mb4_german2_ci");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class HeaderSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The header search's full-text index over documents (FTS5, outside the model), filled from the documents there are.
            foreach (var sql in BackOffice.Data.DocumentSearchIndex.Create) migrationBuilder.Sql(sql + ";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in BackOffice.Data.DocumentSearchIndex.Drop) migrationBuilder.Sql(sql + ";");
        }
    }
}

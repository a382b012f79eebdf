using BackOffice.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace BackOffice.Migrations.Sqlite;

/// <summary>For dotnet-ef only: the model on SQLite. The file is never opened when adding a migration.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<BackOfficeDb>
{
    public BackOfficeDb CreateDbContext(string[] args) =>
        DatabaseProviders.ForDesign(DatabaseProviders.Sqlite, "Data Source=design-time.db");
}

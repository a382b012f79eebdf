using BackOffice.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace BackOffice.Migrations.MariaDb;

/// <summary>For dotnet-ef only: the model on MariaDB (fixed server version, so no server is needed to add a migration).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<BackOfficeDb>
{
    public BackOfficeDb CreateDbContext(string[] args) =>
        DatabaseProviders.ForDesign(DatabaseProviders.MariaDb, "Server=127.0.0.1;Database=backoffice_design;User=design;Password=design");
}

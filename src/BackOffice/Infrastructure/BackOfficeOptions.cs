namespace BackOffice.Infrastructure;

/// <summary>The "BackOffice" settings section; appsettings.template.json documents each one.</summary>
public sealed class BackOfficeOptions
{
    public const string Section = "BackOffice";

    /// <summary>Holds the SQLite database (backoffice.db) and the document store (documents/).</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Seed the demo county when the database is empty.</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>Last day of the demo history; empty means today. Fixed in tests so that seeded data is reproducible.</summary>
    public DateOnly? DemoAnchorDate { get; set; }

    /// <summary>Multiplies the number of demo cases (1 gives about 24,000 over two years).</summary>
    public double DemoScale { get; set; } = 1.0;

    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, "backoffice.db"));
    public string DocumentsPath => Path.GetFullPath(Path.Combine(DataDirectory, "documents"));
}

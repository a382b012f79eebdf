namespace BackOffice.Infrastructure;

/// <summary>The "BackOffice" settings section; appsettings.template.json documents each one.</summary>
public sealed class BackOfficeOptions
{
    public const string Section = "BackOffice";

    /// <summary>Holds the SQLite database (backoffice.db), the document store (documents/) and previews (previews/).</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>
    /// This instance's name when several serve one installation (logs, the holder of background work, its own
    /// scan work folder); empty: the machine's name.
    /// </summary>
    public string? InstanceName { get; set; }

    /// <summary>
    /// Redis ("host:port", StackExchange.Redis's configuration string) when several instances serve one installation:
    /// live updates and the throttles go through it. Empty: one instance, everything in-process.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>Which database engine, and where: SQLite in the data directory unless MariaDB is named.</summary>
    public DatabaseOptions Database { get; set; } = new();

    /// <summary>Where the report definitions are (*.json, issue 13); empty: the reports/ folder beside the app.</summary>
    public string? ReportsDirectory { get; set; }

    /// <summary>Minutes between two looks for due scheduled reports; 0 switches the scheduler off.</summary>
    public double ReportScheduleMinutes { get; set; } = 15;

    /// <summary>Seed the demo county when the database is empty.</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>Last day of the demo history; empty means today. Fixed in tests so that seeded data is reproducible.</summary>
    public DateOnly? DemoAnchorDate { get; set; }

    /// <summary>Multiplies the number of demo cases (1 gives about 24,000 over two years).</summary>
    public double DemoScale { get; set; } = 1.0;

    /// <summary>Seconds the text reader waits before looking again for documents whose text is not read yet.</summary>
    public double DocumentTextPollSeconds { get; set; } = 3;

    /// <summary>Hours between two sweeps of the document store for files no document names; 0 switches it off.</summary>
    public double DocumentSweepHours { get; set; } = 6;

    /// <summary>Only files older than this many hours are swept, so that a delivery in progress keeps its files.</summary>
    public double DocumentSweepGraceHours { get; set; } = 24;

    /// <summary>
    /// Behind the county's reverse proxy: take the client address and scheme (https) from X-Forwarded-For/-Proto,
    /// so that cookies are Secure and HSTS is sent. Only when the app is reachable through the proxy alone.
    /// </summary>
    public bool TrustForwardedHeaders { get; set; }

    /// <summary>Outside Development, serve Blazor's and Radzen's scripts from the build output (a Release build run from bin/,
    /// as the benchmarks do); a published app has them in its wwwroot and leaves this off.</summary>
    public bool StaticAssetsFromBuild { get; set; }

    /// <summary>Sign-in: whom users without access should ask, and a test stand-in for Entra ID.</summary>
    public AccessOptions Access { get; set; } = new();

    /// <summary>The portal import API.</summary>
    public PortalOptions Portal { get; set; } = new();

    /// <summary>The Scanstelle: scanners' folders, text recognition.</summary>
    public ScanningOptions Scanning { get; set; } = new();

    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, "backoffice.db"));
    public string DocumentsPath => Path.GetFullPath(Path.Combine(DataDirectory, "documents"));
    /// <summary>PDF previews of TIFF documents; derived data, made again when missing.</summary>
    public string PreviewsPath => Path.GetFullPath(Path.Combine(DataDirectory, "previews"));
    /// <summary>One folder per scanner (its name is the scanner's); files appear here as scanners write them.</summary>
    public string ScanInboxPath => Path.GetFullPath(Path.Combine(DataDirectory, "scan-inbox"));
    /// <summary>Every taken original as captured, until the paper's retention ends.</summary>
    public string ScanOriginalsPath => Path.GetFullPath(Path.Combine(DataDirectory, "scan-originals"));
    /// <summary>Originals of discarded batches.</summary>
    public string ScanQuarantinePath => Path.GetFullPath(Path.Combine(DataDirectory, "scan-quarantine"));
    /// <summary>Intermediate files of what this instance reads or edits of scans, in a folder of its own; emptied when it starts.</summary>
    public string ScanWorkPath => Path.GetFullPath(Path.Combine(DataDirectory, "scan-work", Instance));
    /// <summary>This instance's name (<see cref="InstanceName"/>, else the machine's).</summary>
    public string Instance => string.IsNullOrWhiteSpace(InstanceName) ? Environment.MachineName : InstanceName.Trim();
}

public sealed class ScanningOptions
{
    /// <summary>Seconds between two looks into the scanners' folders (polling, so that network shares work); 0 switches it off.</summary>
    public double PollSeconds { get; set; } = 2;
    /// <summary>A file is taken once its size and time stayed the same this long and it can be opened alone.</summary>
    public double SettleSeconds { get; set; } = 5;
    /// <summary>Pages recognised at once within a batch (ocrmypdf -j); 0: the number of cores.</summary>
    public int OcrJobs { get; set; }
    /// <summary>Time allowed per page for reading a batch; a batch that takes longer fails with a German reason.</summary>
    public double SecondsPerPage { get; set; } = 60;
    /// <summary>Leave blank pages (the backs of one-sided letters in a duplex scan) out of the documents.</summary>
    public bool DropBlankPages { get; set; }
    /// <summary>A page with less dark area than this (percent, margins not counted) counts as blank.</summary>
    public double BlankPageInkPercent { get; set; } = 0.1;
    /// <summary>Most pages read from one file; a larger stack fails with a German reason (scan it in parts).</summary>
    public int MaxPages { get; set; } = 1000;
    /// <summary>Largest file the Scanstelle's upload takes.</summary>
    public int MaxUploadMegabytes { get; set; } = 200;
    /// <summary>With the demo county: a few sample scans wait in scanner-1's folder at first start (make run sets it).</summary>
    public bool DemoScans { get; set; }
}

public sealed class PortalOptions
{
    /// <summary>Largest accepted delivery (metadata and attachments together); larger ones get 413.</summary>
    public long MaxSubmissionBytes { get; set; } = 50 * 1024 * 1024;
    /// <summary>Sustained requests per second per portal client; more get 429 with Retry-After.</summary>
    public int RequestsPerSecond { get; set; } = 400;
    /// <summary>Requests a client may send at once before the rate applies.</summary>
    public int Burst { get; set; } = 800;
}

public sealed class DatabaseOptions
{
    /// <summary>"Sqlite" (embedded, the default) or "MariaDb" (MariaDB or MySQL through Pomelo).</summary>
    public string Provider { get; set; } = BackOffice.Data.DatabaseProviders.Sqlite;

    /// <summary>For MariaDB: "Server=…;Port=3306;User=…;Password=…;Database=backoffice". SQLite ignores it and uses the data directory.</summary>
    public string? ConnectionString { get; set; }
}

public sealed class AccessOptions
{
    /// <summary>Shown to a user who signed in with Entra ID but has no role here: whom to ask (name, phone, mail).</summary>
    public string AccessContact { get; set; } = "die IT-Administration des Kreises (Benutzerverwaltung BackOffice)";

    /// <summary>
    /// Tests and development only: the issuer of a local OpenID Connect provider that stands in for Entra ID (plain http,
    /// no Entra issuer rules). Refused at start-up outside the Development environment.
    /// </summary>
    public string? TestIdentityProvider { get; set; }
}

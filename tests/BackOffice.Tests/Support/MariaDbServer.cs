using System.Diagnostics;
using MySqlConnector;

namespace BackOffice.Tests.Support;

/// <summary>
/// The real MariaDB server the tests use beside SQLite: started once per test run by scripts/mariadb.sh
/// (which installs Debian's mariadb-server when missing), stopped when the test process ends. Each test
/// database is its own schema on it, dropped afterwards.
/// </summary>
public static class MariaDbServer
{
    private static readonly string Directory = Path.Combine(Path.GetTempPath(), "backoffice-tests-mariadb");
    private static readonly Lazy<string> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A connection string for a new, empty database (created by Migrate or EnsureCreated).</summary>
    public static string NewDatabase() =>
        new MySqlConnectionStringBuilder(Server.Value) { Database = $"bo_{Guid.NewGuid():N}"[..20] }.ConnectionString;

    public static void Drop(string connectionString)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString);
        var database = builder.Database;
        builder.Database = "";
        using var c = new MySqlConnection(builder.ConnectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"DROP DATABASE IF EXISTS `{database}`";
        cmd.ExecuteNonQuery();
        MySqlConnection.ClearPool(new MySqlConnection(connectionString));
    }

    private static string Start()
    {
        var output = Script("start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Script("stop");
        return output.Trim().Split('\n')[^1];
    }

    private static string Script(string command)
    {
        var start = new ProcessStartInfo(Path.Combine(RunningApp.RepoRoot, "scripts", "mariadb.sh"), [command, Directory])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
            throw new TimeoutException("scripts/mariadb.sh did not finish within 10 minutes");
        if (process.ExitCode != 0) throw new InvalidOperationException($"scripts/mariadb.sh {command} failed:\n{stderr.Result}\n{stdout.Result}");
        return stdout.Result;
    }
}

/// <summary>The two engines, for tests that run on both ([Theory, MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]).</summary>
public static class Engines
{
    public static TheoryData<string> Both => [BackOffice.Data.DatabaseProviders.Sqlite, BackOffice.Data.DatabaseProviders.MariaDb];
}

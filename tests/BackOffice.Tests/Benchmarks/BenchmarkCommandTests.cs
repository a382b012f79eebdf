using System.Diagnostics;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Benchmarks;

/// <summary>
/// The benchmark commands create their database from nothing, as on a fresh machine, and run through: here at a small
/// scale on both engines, so that a change that breaks them (a seed that collides at scale, a query that fails on one
/// engine) fails `make test` instead of the next person who needs a figure.
/// </summary>
public class BenchmarkCommandTests
{
    private static string Benchmarks => Path.Combine(RunningApp.RepoRoot, "tests", "BackOffice.Benchmarks", "bin",
#if DEBUG
        "Debug",
#else
        "Release",
#endif
        "net10.0", "BackOffice.Benchmarks.dll");

    [Fact]
    public void Every_database_benchmark_creates_its_database_and_prints_its_figures_on_both_engines()
    {
        var data = Path.Combine(Path.GetTempPath(), "backoffice-tests", $"bench-{Guid.NewGuid():N}");
        try
        {
            foreach (var (command, heading) in new[] { ("cases", "Meine Vorgänge"), ("inbox", "Posteingang"), ("efile", "E-Akte"), ("dashboards", "Dashboard") })
            {
                var (code, output) = Run(command, "--rows", "1000", "--data", data, "--engine", "both");
                Assert.True(code == 0, $"{command} ended with {code}:\n{output}");
                Assert.Contains(heading, output);
                Assert.Contains("SQLite", output, StringComparison.OrdinalIgnoreCase);
                Assert.Contains("MariaDB", output, StringComparison.OrdinalIgnoreCase);
            }
        }
        finally
        {
            Process.Start(Path.Combine(RunningApp.RepoRoot, "scripts", "mariadb.sh"), ["stop", data + "-mariadb"])?.WaitForExit();
            try { Directory.Delete(data, true); Directory.Delete(data + "-mariadb", true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static (int Code, string Output) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Benchmarks, .. args])
        {
            WorkingDirectory = RunningApp.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8))) process.Kill(entireProcessTree: true);
        return (process.ExitCode, output + error.Result);
    }
}

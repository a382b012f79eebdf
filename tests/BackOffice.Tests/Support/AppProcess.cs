using System.Diagnostics;

namespace BackOffice.Tests.Support;

/// <summary>The built app as its own process (as `make run` starts it), which a test can kill -9 and start again.</summary>
public sealed class AppProcess(string dataDirectory, double demoScale = 0.2, BackOffice.Infrastructure.DatabaseOptions? database = null,
    IReadOnlyDictionary<string, string>? settings = null, int? port = null) : IAsyncDisposable
{
    public string BaseUrl { get; } = $"http://127.0.0.1:{port ?? RunningApp.FreePort()}";
    private Process? _process;
    private readonly System.Text.StringBuilder _log = new();

    public string Log { get { lock (_log) return _log.ToString(); } }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(RunningApp.AppExecutable, ["--urls", BaseUrl])
        {
            WorkingDirectory = Path.Combine(RunningApp.RepoRoot, "src", "BackOffice"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["BackOffice__DataDirectory"] = dataDirectory;
        start.Environment["BackOffice__SeedDemoData"] = "true";
        start.Environment["BackOffice__DemoScale"] = demoScale.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["BackOffice__DemoAnchorDate"] = "2026-11-20";
        if (database is not null)
        {
            start.Environment["BackOffice__Database__Provider"] = database.Provider;
            start.Environment["BackOffice__Database__ConnectionString"] = database.ConnectionString;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key.Replace(":", "__")] = value;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var process = _process;
        await RunningApp.WaitForHealthAsync(BaseUrl, TimeSpan.FromSeconds(90), () => process.HasExited, () => Log);
    }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>SIGKILL: no shutdown, no flush, no finally blocks.</summary>
    public async Task KillAsync()
    {
        if (_process is not { HasExited: false }) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }
}

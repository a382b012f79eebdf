using System.Diagnostics;
using BackOffice.Data;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MySqlConnector;

namespace BackOffice.Tests.Cluster;

/// <summary>
/// One installation on several machines, on this one: three Galera nodes, Redis and HAProxy (scripts/cluster.sh, as
/// `make run-cluster` starts them) and two app instances on a shared data directory, each its own process that a test
/// can kill -9. Users and the portal come through the proxy; a test may also speak to one instance directly.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime, IBrowserHost
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"backoffice-cluster-{Guid.NewGuid():N}"[..30]);
    private Dictionary<string, string> _env = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public AppProcess App1 { get; private set; } = default!;
    public AppProcess App2 { get; private set; } = default!;
    /// <summary>The proxy: where users and the portal go.</summary>
    public string BaseUrl { get; private set; } = "";
    /// <summary>The database through its proxy, as the app instances reach it.</summary>
    public string ConnectionString => _env["CONNECTION_STRING"];
    public string SharedData => Path.Combine(_dir, "shared");

    public async Task InitializeAsync()
    {
        var (proxy, app1, app2) = (StablePort(), StablePort(), StablePort());
        _env = ReadEnv(Script(new() { ["APP_PORT"] = $"{proxy}", ["APP1_PORT"] = $"{app1}", ["APP2_PORT"] = $"{app2}" }, "start", Path.Combine(_dir, "cluster")));
        BaseUrl = $"http://127.0.0.1:{proxy}";
        App1 = Instance("app1", app1);
        App2 = Instance("app2", app2);
        await App1.StartAsync(); // migrates and seeds; the second finds it done
        await App2.StartAsync();
        await WaitUntilProxyServesAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await RunningApp.LaunchChromiumAsync(_playwright);
    }

    /// <summary>
    /// A free port below the range Linux hands out for outgoing connections (32768 and up): HAProxy and the instances
    /// bind theirs seconds later, and a port from that range could be taken by a connection meanwhile.
    /// </summary>
    private static int StablePort()
    {
        while (true)
        {
            var port = Random.Shared.Next(32001, 32700);
            try
            {
                using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (System.Net.Sockets.SocketException) { }
        }
    }

    private AppProcess Instance(string name, int port) => new(SharedData, demoScale: 0.05,
        new Infrastructure.DatabaseOptions { Provider = DatabaseProviders.MariaDb, ConnectionString = ConnectionString },
        new Dictionary<string, string>
        {
            ["BackOffice:InstanceName"] = name,
            ["BackOffice:Redis"] = _env["REDIS"],
            ["BackOffice:TrustForwardedHeaders"] = "true",
            // Scheduled reports looked for every 3 s, so that "due now" is seen at once.
            ["BackOffice:ReportScheduleMinutes"] = "0.05",
            ["BackOffice:Scanning:PollSeconds"] = "0",
        }, port);

    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options)
    {
        if (_browser is not { IsConnected: true }) _browser = await RunningApp.LaunchChromiumAsync(_playwright!);
        return await _browser.NewContextAsync(options);
    }

    /// <summary>The instance HAProxy keeps a browser on: its cookie, as the proxy sets it on the first answer.</summary>
    public async Task PinAsync(IBrowserContext context, string instance) =>
        await context.AddCookiesAsync([new Cookie { Name = "BACKOFFICE_INSTANCE", Value = instance, Url = BaseUrl }]);

    public BackOfficeDb OpenDb()
    {
        var b = new DbContextOptionsBuilder<BackOfficeDb>();
        DatabaseProviders.Configure(b, DatabaseProviders.MariaDb, ConnectionString);
        return new BackOfficeDb(b.Options) { Scope = UnitScope.System };
    }

    /// <summary>The port of the Galera node the proxy sends writes to now.</summary>
    public async Task<int> WriterPortAsync()
    {
        await using var c = new MySqlConnection(ConnectionString);
        await c.OpenAsync();
        await using var cmd = new MySqlCommand("SELECT @@port", c);
        return Convert.ToInt32(await cmd.ExecuteScalarAsync());
    }

    public int NodeOfPort(int port) => Enumerable.Range(1, 3).Single(n => _env[$"NODE{n}_PORT"] == port.ToString());

    public void KillNode(int node) => Script([], "kill-node", Path.Combine(_dir, "cluster"), node.ToString());
    public void StartNode(int node) => Script([], "start-node", Path.Combine(_dir, "cluster"), node.ToString());
    public void StopRedis() => Script([], "stop-redis", Path.Combine(_dir, "cluster"));
    /// <summary>Brings back whatever of the cluster is not running (here: Redis).</summary>
    public void StartMissing() => Script([], "start", Path.Combine(_dir, "cluster"));

    /// <summary>Until the proxy answers /ready through each instance that runs (its health checks run every second).</summary>
    public async Task WaitUntilProxyServesAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        foreach (var app in new[] { ("app1", App1), ("app2", App2) }.Where(a => a.Item2.IsRunning))
        {
            while (true)
            {
                var request = new HttpRequestMessage(HttpMethod.Get, BaseUrl + "/ready");
                request.Headers.Add("Cookie", $"BACKOFFICE_INSTANCE={app.Item1}");
                try
                {
                    // "option redispatch" would answer from the other instance while this one is still marked down: ask for the cookie back.
                    var response = await http.SendAsync(request);
                    if (response.IsSuccessStatusCode && !response.Headers.TryGetValues("Set-Cookie", out _)) break;
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
                if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"The proxy did not serve {app.Item1} within 60 s.");
                await Task.Delay(200);
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        foreach (var app in new[] { App1, App2 })
            if (app is not null)
            {
                await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), $"backoffice-cluster-{(app == App1 ? "app1" : "app2")}.log"), app.Log);
                await app.DisposeAsync();
            }
        try { Script([], "stop", Path.Combine(_dir, "cluster")); } catch (Exception e) { Console.Error.WriteLine(e.Message); }
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static Dictionary<string, string> ReadEnv(string output) => output.Split('\n')
        .Where(l => l.Contains('=')).Select(l => l.Split('=', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim().Trim('"'));

    private static string Script(Dictionary<string, string> env, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(RunningApp.RepoRoot, "scripts", "cluster.sh"), args)
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var (k, v) in env) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10))) throw new TimeoutException("scripts/cluster.sh did not finish within 10 minutes");
        if (process.ExitCode != 0) throw new InvalidOperationException($"scripts/cluster.sh {string.Join(' ', args)} failed:\n{stderr.Result}\n{stdout.Result}");
        return stdout.Result;
    }
}

/// <summary>The cluster tests share one cluster and run one after another (they kill its parts).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}

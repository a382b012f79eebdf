using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace BackOffice.Tests.Support;

/// <summary>
/// The built app as its own process on a free port (as `make run` starts it), on a temporary data
/// directory with a small demo county, plus one headless Debian Chromium for the browser tests.
/// </summary>
public sealed class RunningApp : IAsyncLifetime, IBrowserHost
{
    public TestDatabase Data { get; } = new(migrate: false);
    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = default!;
    private AppProcess? _app;
    private IPlaywright? _playwright;

    /// <summary>Stands in for Entra ID: the app runs with both local accounts and Entra ID sign-in, as a county may.</summary>
    public OidcProvider Identity { get; } = new();

    /// <summary>What the app wrote to its console so far (errors are logged as "fail:").</summary>
    public string Log => _app?.Log ?? "";

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BackOffice.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("BackOffice.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The app's own build output, in the configuration the tests were built in.</summary>
    public static string AppExecutable
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains("/Release/") ? "Release" : "Debug";
            return Path.Combine(RepoRoot, "src", "BackOffice", "bin", configuration, "net10.0", "BackOffice");
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task InitializeAsync()
    {
        _app = new AppProcess(Data.Directory, settings: Identity.AppSettings);
        BaseUrl = _app.BaseUrl;
        await Identity.StartAsync(BaseUrl);
        await _app.StartAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchAsync();
    }

    private Task<IBrowser> LaunchAsync() => LaunchChromiumAsync(_playwright!);

    /// <summary>Debian's Chromium, headless, as every browser test runs it.</summary>
    public static async Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright)
    {
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // --disable-dev-shm-usage: a fresh machine's /dev/shm may be small; Chromium then crashes on big pages.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
        browser.Disconnected += (_, _) => Console.Error.WriteLine($"Chromium went away at {DateTime.Now:HH:mm:ss}; the next browser test starts a new one.");
        return browser;
    }

    private readonly SemaphoreSlim _launch = new(1, 1);

    /// <summary>
    /// A fresh context for one test. Should Chromium have crashed (a CI run lost it midway, and every later browser
    /// test failed in a millisecond), a new one is started, so one crash fails one test, not all that follow.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options)
    {
        await _launch.WaitAsync();
        try
        {
            if (!Browser.IsConnected) Browser = await LaunchAsync();
        }
        finally { _launch.Release(); }
        return await Browser.NewContextAsync(options);
    }

    public static async Task WaitForHealthAsync(string baseUrl, TimeSpan timeout, Func<bool> exited, Func<string> log)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (exited()) throw new InvalidOperationException("The app exited:\n" + log());
            try
            {
                if ((await http.GetAsync(baseUrl + "/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException("The app did not answer /health:\n" + log());
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_app is not null)
        {
            // Kept for reading when a browser test fails.
            await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "backoffice-browser-app.log"), _app.Log);
            await _app.DisposeAsync();
        }
        await Identity.DisposeAsync();
        Data.Dispose();
    }
}

/// <summary>
/// The browser tests share one running app, one after another, and run alone after the other tests: beside the
/// database-heavy tests on two cores, a click now and then came too late for its page (a full run failed one browser
/// test each time, a different one).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<RunningApp>
{
    public const string Name = "browser";
}

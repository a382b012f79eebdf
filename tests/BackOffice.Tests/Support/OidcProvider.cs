using System.Diagnostics;
using System.Text.Json;

namespace BackOffice.Tests.Support;

/// <summary>
/// A real OpenID Connect provider (npm oidc-provider, tests/oidc-provider) on 127.0.0.1, standing in for Entra ID.
/// Its development login form signs in the accounts below with any password; each brings Entra's claims (oid, groups).
/// scripts/install-test-deps.sh installs its npm packages.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public sealed record Account(string Login, string ObjectId, string Name, string[] Groups);

    public const string ClientId = "backoffice";
    public const string ClientSecret = "test-only-client-secret";
    // Group object ids as Entra ID has them (GUIDs).
    public const string ClerksOf501 = "5a0c1e2d-0501-4000-8000-000000000501";
    public const string HeadsOf50 = "5a0c1e2d-0050-4000-8000-000000000050";
    public const string NotMapped = "5a0c1e2d-9999-4000-8000-000000009999";

    public static readonly Account Anna = new("anna.entra@kreis.example", "0b5e0a11-0000-4000-8000-00000000a001", "Anna Entra", [ClerksOf501]);
    public static readonly Account Otto = new("otto.ohne@kreis.example", "0b5e0a11-0000-4000-8000-00000000a002", "Otto Ohnegruppe", [NotMapped]);
    public static readonly Account Doris = new("doris.doppel@kreis.example", "0b5e0a11-0000-4000-8000-00000000a003", "Doris Doppelrolle", [ClerksOf501, HeadsOf50]);
    public static readonly Account[] Accounts = [Anna, Otto, Doris];

    public int Port { get; } = RunningApp.FreePort();
    public string Issuer => $"http://127.0.0.1:{Port}";
    private Process? _process;
    private readonly System.Text.StringBuilder _log = new();

    /// <summary>The app settings that point Microsoft.Identity.Web at this provider (test configuration only).</summary>
    public IReadOnlyDictionary<string, string> AppSettings => new Dictionary<string, string>
    {
        ["AzureAd:Instance"] = Issuer + "/",
        ["AzureAd:TenantId"] = "test",
        ["AzureAd:ClientId"] = ClientId,
        ["AzureAd:ClientSecret"] = ClientSecret,
        ["AzureAd:CallbackPath"] = "/signin-oidc",
        ["BackOffice:Access:TestIdentityProvider"] = Issuer,
        ["BackOffice:Access:AccessContact"] = "IT-Service, Telefon 1234",
    };

    public async Task StartAsync(string appBaseUrl)
    {
        var dir = Path.Combine(RunningApp.RepoRoot, "tests", "oidc-provider");
        if (!Directory.Exists(Path.Combine(dir, "node_modules", "oidc-provider")))
            throw new InvalidOperationException("tests/oidc-provider has no node_modules: run scripts/install-test-deps.sh (make test does).");
        var setup = Path.Combine(Path.GetTempPath(), $"backoffice-oidc-{Port}.json");
        await File.WriteAllTextAsync(setup, JsonSerializer.Serialize(new
        {
            clientSecret = ClientSecret,
            redirectUris = new[] { appBaseUrl + "/signin-oidc" },
            accounts = Accounts.ToDictionary(a => a.Login, a => new { oid = a.ObjectId, name = a.Name, groups = a.Groups }),
        }));
        var start = new ProcessStartInfo("node", ["server.js", Port.ToString(), setup])
        {
            WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        _process = Process.Start(start)!;
        var ready = new TaskCompletionSource();
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); if (e.Data?.Contains("ready on") == true) ready.TrySetResult(); };
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var process = _process;
        if (await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(30))) != ready.Task)
            throw new InvalidOperationException("The OpenID Connect test provider did not start:\n" + Log);
    }

    public string Log { get { lock (_log) return _log.ToString(); } }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false }) { _process.Kill(entireProcessTree: true); await _process.WaitForExitAsync(); }
        _process?.Dispose();
    }
}

using System.Net;
using System.Text.RegularExpressions;
using BackOffice.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BackOffice.Tests.Support;

/// <summary>The real HTTP pipeline on a temporary SQLite file with a small demo county.</summary>
public class AppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public AppFactory() : this(DatabaseProviders.Sqlite) { }

    protected AppFactory(string provider) => Data = new TestDatabase(migrate: false, provider: provider);

    // Start the app (migrate and seed) before a test reads the database.
    public Task InitializeAsync() { _ = Server; return Task.CompletedTask; }
    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    public TestDatabase Data { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("BackOffice:DataDirectory", Data.Directory);
        builder.UseSetting("BackOffice:Database:Provider", Data.Options.Database.Provider);
        if (Data.IsMariaDb) builder.UseSetting("BackOffice:Database:ConnectionString", Data.Options.Database.ConnectionString);
        builder.UseSetting("BackOffice:SeedDemoData", "true");
        builder.UseSetting("BackOffice:DemoScale", "0.2");
        builder.UseSetting("BackOffice:DemoAnchorDate", "2026-11-20");
        builder.UseSetting("BackOffice:Portal:MaxSubmissionBytes", (2 * 1024 * 1024).ToString());
        foreach (var (key, value) in ExtraSettings) builder.UseSetting(key, value);
    }

    /// <summary>Settings a derived fixture changes (e.g. a tight rate limit).</summary>
    protected virtual IEnumerable<(string Key, string Value)> ExtraSettings => [];

    public HttpClient Client() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Posts the sign-in form as a browser would, antiforgery token included.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string user, string password)
    {
        var form = await client.GetStringAsync("/anmelden");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        return await client.PostAsync("/anmelden", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin", ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = user, ["Input.Password"] = password,
        }));
    }

    public async Task<HttpClient> SignedInAsync(string user)
    {
        var client = Client();
        var response = await SignInAsync(client, user, Features.Demo.DemoCounty.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Data.Dispose();
    }
}

/// <summary>The same pipeline on a database of the test MariaDB server.</summary>
public class MariaDbAppFactory() : AppFactory(DatabaseProviders.MariaDb);

using BackOffice.Features.Documents;
using System.Globalization;
using BackOffice.Components;
using BackOffice.Data;
using BackOffice.Features.Access;
using BackOffice.Features.Dashboards;
using BackOffice.Features.Demo;
using BackOffice.Features.Files;
using BackOffice.Features.Inbox;
using BackOffice.Features.Intake;
using BackOffice.Features.Scanning;
using BackOffice.Features.Reports;
using BackOffice.Infrastructure;
using Microsoft.AspNetCore.Localization;
using Radzen;

var builder = WebApplication.CreateBuilder(args);
var options = builder.Configuration.GetSection(BackOfficeOptions.Section).Get<BackOfficeOptions>() ?? new BackOfficeOptions();
builder.Services.Configure<BackOfficeOptions>(builder.Configuration.GetSection(BackOfficeOptions.Section));
// Blazor's and Radzen's scripts live in the build output's static web assets; Development serves them from there by
// itself, elsewhere only `dotnet publish` output has them, unless this setting says to use the build's (benchmarks).
if (options.StaticAssetsFromBuild) builder.WebHost.UseStaticWebAssets();

// A letter's text (20,000 characters, up to 4 bytes each in UTF-8) travels whole with each keystroke: SignalR's default
// of 32 KB per message would end the connection and lose it.
builder.Services.AddRazorComponents().AddInteractiveServerComponents().AddHubOptions(o => o.MaximumReceiveMessageSize = 256 * 1024);
builder.Services.AddRadzenComponents();
builder.Services.AddInstances();
builder.Services.AddBackOfficeDatabase(options);
// Each feature registers what it needs.
builder.Services.AddAccess();
builder.Services.AddEntraSignIn(builder.Configuration, builder.Environment, options.Access);
builder.Services.AddDocuments();
builder.Services.AddInbox();
builder.Services.AddScanning();
builder.Services.AddFiles();
builder.Services.AddDashboards();
builder.Services.AddReports();
builder.Services.AddPortalApi(options.Portal);
builder.Services.AddSingleton<DemoCounty>();

var app = builder.Build();

await BackOffice.AppStart.PrepareAsync(app.Services);

// `BackOffice verify-audit`: checks the audit trail's hash chain and exits (0 intact, 1 broken), for a scheduled job or an auditor.
if (args.FirstOrDefault() == "verify-audit")
{
    Environment.ExitCode = await BackOffice.Features.Audit.AuditCheck.RunCommandAsync(app.Services);
    return;
}

var german = new CultureInfo("de-DE");
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = german;
app.UseRequestLocalization(new RequestLocalizationOptions { DefaultRequestCulture = new RequestCulture(german), SupportedCultures = [german], SupportedUICultures = [german] });

app.UseErrorPages();
app.UseSecurityHeaders(options);
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UsePasswordChangeFirst();
app.UseAntiforgery();

app.MapInstanceHealth();
app.MapErrorPages();
app.MapAccessEndpoints();
app.MapEntraSignIn();
app.MapDocumentEndpoints();
app.MapScanningEndpoints();
app.MapFilesEndpoints();
app.MapInboxEndpoints();
app.MapReportsEndpoints();
app.MapPortalApi();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;

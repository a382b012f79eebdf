using System.Diagnostics;
using BackOffice.Data;
using BackOffice.Features.Audit;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Audit;

/// <summary>The audit chain check (issue 11): the command and the check behind the administration page find the first tampered entry.</summary>
public class AuditCheckTests
{
    private static async Task AddEventsAsync(TestDatabase t, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await using var db = t.Open(UnitScope.System);
            db.Actor = "tester";
            db.LogEvent("test", "Probe", i.ToString());
            await db.SaveChangesAsync();
        }
    }

    /// <summary>Someone with database access edits an event behind the app's back (dropping the append-only trigger first).</summary>
    private static async Task<long> TamperAsync(TestDatabase t, int index)
    {
        await using var db = t.Open(UnitScope.System);
        await db.Database.ExecuteSqlRawAsync("DROP TRIGGER AuditEvents_NoUpdate");
        var id = await db.AuditEvents.OrderBy(e => e.Id).Skip(index).Select(e => e.Id).FirstAsync();
        await db.Database.ExecuteSqlRawAsync("UPDATE AuditEvents SET Details = 'anders' WHERE Id = {0}", id);
        return id;
    }

    [Theory, MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task The_check_names_the_first_tampered_entry(string engine)
    {
        using var t = new TestDatabase(provider: engine);
        await AddEventsAsync(t, 5);
        await using (var db = t.Open(UnitScope.System))
        {
            var intact = await AuditCheck.RunAsync(db);
            Assert.True(intact.Intact);
            Assert.Contains("unversehrt: 5 Einträge geprüft", intact.Message);
        }
        var tampered = await TamperAsync(t, 2);
        await using (var db = t.Open(UnitScope.System))
        {
            var broken = await AuditCheck.RunAsync(db);
            Assert.Equal(tampered, broken.FirstBreakId);
            Assert.Contains($"beim Eintrag Nr. {tampered} gebrochen", broken.Message);
            Assert.Contains("tester", broken.Message);
        }
    }

    [Fact]
    public async Task The_command_exits_0_on_an_intact_chain_and_1_naming_the_break()
    {
        using var t = new TestDatabase();
        await AddEventsAsync(t, 3);
        var (code, output) = await RunCommandAsync(t.Directory);
        Assert.True(code == 0, output);
        Assert.Contains("unversehrt", output);

        var tampered = await TamperAsync(t, 1);
        (code, output) = await RunCommandAsync(t.Directory);
        Assert.Equal(1, code);
        Assert.Contains($"Nr. {tampered}", output);
    }

    private static async Task<(int Code, string Output)> RunCommandAsync(string dataDirectory)
    {
        var start = new ProcessStartInfo(RunningApp.AppExecutable, ["verify-audit"])
        {
            WorkingDirectory = Path.Combine(RunningApp.RepoRoot, "src", "BackOffice"),
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["BackOffice__DataDirectory"] = dataDirectory;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}

using System.Diagnostics;
using BackOffice.Data;
using BackOffice.Features.Demo;
using BackOffice.Features.Files;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

// Benchmarks that print the figures the issues ask for. Run from the repo root:
//   dotnet run -c Release --project tests/BackOffice.Benchmarks -- cases [--rows 1000000] [--data DIR]
var command = args.FirstOrDefault() ?? "help";
var rows = int.Parse(Option("--rows") ?? "1000000");
var dataDir = Option("--data") ?? Path.Combine(Path.GetTempPath(), $"backoffice-bench-{rows}");

switch (command)
{
    case "cases":
        await CaseListBenchmark.RunAsync(dataDir, rows);
        break;
    case "sql":
        // Runs SQL from stdin on the benchmark database with the app's SQLite build: for EXPLAIN QUERY PLAN.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dataDir, "backoffice.db")}"))
        {
            connection.Open();
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = Console.In.ReadToEnd();
            var clock = Stopwatch.StartNew();
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                Console.WriteLine(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue)));
            Console.WriteLine($"({clock.Elapsed.TotalMilliseconds:0.0} ms, SQLite {connection.ServerVersion})");
        }
        break;
    default:
        Console.WriteLine("usage: cases [--rows N] [--data DIR]   'Meine Vorgänge' at N cases (default 1,000,000)");
        break;
}

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static class CaseListBenchmark
{
    // One demo county at scale 1 has about 24,400 cases.
    private const double CasesPerScale = 24_431;
    private static readonly DateOnly Anchor = new(2026, 11, 20);

    public static async Task RunAsync(string dataDir, int rows)
    {
        var options = new BackOfficeOptions { DataDirectory = dataDir };
        Directory.CreateDirectory(dataDir);
        var builder = new DbContextOptionsBuilder<BackOfficeDb>();
        Database.Configure(builder, Database.ConnectionString(options));
        if (Environment.GetEnvironmentVariable("SHOW_SQL") == "2")
            builder.LogTo(Console.WriteLine, [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted]);
        var factory = new PooledDbContextFactory<BackOfficeDb>(builder.Options);

        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await db.Database.MigrateAsync();
        }
        int existing;
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Scope = UnitScope.System;
            existing = await db.Cases.CountAsync();
        }
        if (existing == 0)
        {
            Console.WriteLine($"Creating about {rows:N0} cases in {dataDir} (once; later runs reuse it) ...");
            var clock = Stopwatch.StartNew();
            var o = Microsoft.Extensions.Options.Options.Create(options);
            var county = new DemoCounty(factory, new DocumentStore(o), o, NullLogger<DemoCounty>.Instance);
            var counts = await county.SeedAsync(Anchor, rows / CasesPerScale, withDocuments: false);
            await Database.OptimizeAsync(factory); // as the app does at start-up
            Console.WriteLine($"  {counts.Cases:N0} cases, {counts.StatusChanges:N0} status changes, {counts.InboxItems:N0} inbox items in {clock.Elapsed.TotalSeconds:0.0} s");
        }

        UnitScope clerk, head, controller;
        string clerkId;
        int serviceId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Scope = UnitScope.System;
            var units = await db.OrgUnits.ToDictionaryAsync(u => u.Key, u => u.Id);
            clerk = UnitScope.Of([units["50.1"]]);
            head = UnitScope.Of([units["50"], units["50.1"], units["50.2"], units["50.3"]]);
            controller = UnitScope.Of(units.Values);
            clerkId = await db.Users.Where(u => u.UserName == "clerk").Select(u => u.Id).SingleAsync();
            serviceId = await db.Services.Where(s => s.Key == "99107001001000").Select(s => s.Id).SingleAsync();
            Console.WriteLine($"Database: {await db.Cases.CountAsync():N0} cases; clerk's unit {await db.Cases.CountAsync(c => c.UnitId == units["50.1"]):N0}, assigned to clerk {await db.Cases.CountAsync(c => c.AssigneeId == clerkId):N0}");
        }

        var mine = new CaseList.Filter { AssigneeId = clerkId, OpenOnly = true };
        var unit = new CaseList.Filter { OpenOnly = true };
        var all = new CaseList.Filter();
        var scenarios = new List<(string Name, UnitScope Scope, CaseList.Filter Filter, CaseList.SortBy Sort, bool Desc)>
        {
            ("clerk: first page (mine, open, newest first)", clerk, mine, CaseList.SortBy.ReceivedAt, true),
            ("clerk: sort by Aktenzeichen", clerk, mine, CaseList.SortBy.Reference, false),
            ("clerk: sort by applicant", clerk, mine, CaseList.SortBy.Applicant, false),
            ("clerk: sort by deadline", clerk, mine, CaseList.SortBy.DueAt, false),
            ("clerk: sort by status", clerk, mine, CaseList.SortBy.Status, false),
            ("clerk: sort by service", clerk, mine, CaseList.SortBy.Service, false),
            ("clerk: all statuses, mine", clerk, mine with { OpenOnly = false }, CaseList.SortBy.ReceivedAt, true),
            ("clerk: whole unit, all statuses", clerk, all, CaseList.SortBy.ReceivedAt, true),
            ("clerk: whole unit, sort by applicant", clerk, all, CaseList.SortBy.Applicant, false),
            ("clerk: whole unit, sort by Aktenzeichen desc", clerk, all, CaseList.SortBy.Reference, true),
            ("clerk: filter status Nachforderung", clerk, all with { Status = CaseStatus.Nachforderung }, CaseList.SortBy.ReceivedAt, true),
            ("clerk: filter service", clerk, all with { ServiceId = serviceId }, CaseList.SortBy.ReceivedAt, true),
            ("clerk: filter text 'Mül'", clerk, all with { Text = "Mül" }, CaseList.SortBy.ReceivedAt, true),
            ("clerk: filter text '50.1-001'", clerk, all with { Text = "50.1-001" }, CaseList.SortBy.Reference, false),
            ("clerk: filter date range (one month)", clerk, all with { ReceivedFrom = new DateTime(2026, 3, 1), ReceivedTo = new DateTime(2026, 4, 1) }, CaseList.SortBy.ReceivedAt, true),
            ("clerk: filter overdue", clerk, all with { OverdueOnly = true }, CaseList.SortBy.DueAt, false),
            ("clerk: page 50 of whole unit", clerk, all, CaseList.SortBy.ReceivedAt, true),
            ("head: first page (4 units, open)", head, unit, CaseList.SortBy.ReceivedAt, true),
            ("head: sort by applicant", head, unit, CaseList.SortBy.Applicant, false),
            ("head: sort by deadline", head, unit, CaseList.SortBy.DueAt, false),
            ("head: filter overdue", head, unit with { OverdueOnly = true }, CaseList.SortBy.DueAt, false),
            ("controller: whole county, all statuses", controller, all, CaseList.SortBy.ReceivedAt, true),
            ("controller: sort by Aktenzeichen", controller, all, CaseList.SortBy.Reference, false),
        };

        Console.WriteLine();
        Console.WriteLine($"{"scenario",-48} {"median",8} {"p95",8} {"max",8}   rows/count");
        var worst = 0.0;
        foreach (var (name, scope, filter, sort, desc) in scenarios)
        {
            var skip = name.Contains("page 50") ? 49 * 20 : 0;
            if (Environment.GetEnvironmentVariable("SHOW_SQL") == "1")
            {
                await using var db = await factory.CreateDbContextAsync();
                db.Scope = scope;
                Console.WriteLine(CaseList.Sort(CaseList.Apply(db.Cases.AsNoTracking(), filter, DateTime.UtcNow), sort, desc).Skip(skip).Take(20)
                    .Select(c => new { c.Id, c.Reference, S = c.Service!.Name, A = c.Assignee!.DisplayName, U = c.Unit!.Name }).ToQueryString());
            }
            var times = new List<double>();
            CaseList.Page? page = null;
            for (var i = 0; i < 13; i++)
            {
                var clock = Stopwatch.StartNew();
                // As the page does it: a fresh context per operation.
                await using var db = await factory.CreateDbContextAsync();
                db.Scope = scope;
                page = await CaseList.QueryAsync(db, filter, sort, desc, skip, 20);
                if (i >= 3) times.Add(clock.Elapsed.TotalMilliseconds); // the first runs warm the caches
            }
            times.Sort();
            var median = times[times.Count / 2];
            var p95 = times[(int)Math.Ceiling(times.Count * 0.95) - 1];
            worst = Math.Max(worst, p95);
            Console.WriteLine($"{name,-48} {median,6:0.0}ms {p95,6:0.0}ms {times[^1],6:0.0}ms   {page!.Rows.Count}/{(page.CountCapped ? ">" : "")}{page.Count:N0}");
        }
        Console.WriteLine();
        Console.WriteLine($"worst p95: {worst:0.0} ms (budget 100 ms)");
    }
}

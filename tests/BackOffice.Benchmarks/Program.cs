using BackOffice.Features.Documents;
using BackOffice.Features.Inbox;
using System.Diagnostics;
using BackOffice.Data;
using BackOffice.Features.Dashboards;
using BackOffice.Features.Reports;
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
// Both engines in one run, side by side (issue 10); --engine sqlite or mariadb for one.
var engines = (Option("--engine") ?? "both") switch
{
    "sqlite" => new[] { DatabaseProviders.Sqlite },
    "mariadb" => [DatabaseProviders.MariaDb],
    _ => [DatabaseProviders.Sqlite, DatabaseProviders.MariaDb],
};

switch (command)
{
    case "cases":
        SideBySide.Print("Meine Vorgänge", rows, 100, await SideBySide.RunAsync(engines, e => CaseListBenchmark.RunAsync(dataDir, rows, e)));
        break;
    case "inbox":
        SideBySide.Print("Posteingang", rows, 150, await SideBySide.RunAsync(engines, e => InboxBenchmark.RunAsync(dataDir, rows, e)));
        break;
    case "efile":
        SideBySide.Print("E-Akte (Suche, Aktendeckel)", rows, 200, await SideBySide.RunAsync(engines, e => EFileBenchmark.RunAsync(dataDir, rows, e)));
        break;
    case "dashboards":
        SideBySide.Print("Dashboard", rows, 300, await SideBySide.RunAsync(engines, e => DashboardBenchmark.RunAsync(dataDir, rows, e)));
        break;
    case "exports":
        await ExportBenchmark.RunAsync(dataDir, rows, engines);
        break;
    case "export-child":
        await ExportBenchmark.ChildAsync(dataDir, rows, engines[0], Option("--format") ?? "xlsx", Option("--out")!, Option("--tsv"), int.Parse(Option("--parallel") ?? "1"));
        break;
    case "circuits":
        await CircuitMemory.RunAsync(Option("--url") ?? "http://127.0.0.1:5082", int.Parse(Option("--pid")!), int.Parse(Option("--contexts") ?? "50"));
        break;
    case "contexts":
        await TriageContexts.RunAsync(Option("--url") ?? "http://127.0.0.1:5083", Option("--log")!);
        break;
    case "scan":
        await ScanBenchmark.RunAsync(Option("--data") ?? Path.Combine(Path.GetTempPath(), "backoffice-bench-scan"), int.Parse(Option("--pages") ?? "30"),
            int.Parse(Option("--big-pages") ?? "300"), int.Parse(Option("--letters") ?? "500"));
        break;
    case "forms":
        HostileFormBenchmark.Run();
        break;
    case "letters":
        LetterBenchmark.Run(int.Parse(Option("--letters") ?? "500"));
        LetterBenchmark.RunPlain(int.Parse(Option("--letters") ?? "500"));
        break;
    case "live":
        await LiveCrossing.RunAsync(Option("--proxy")!, Option("--app1")!, Option("--app2")!, int.Parse(Option("--samples") ?? "50"));
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
        Console.WriteLine("usage: cases [--rows N] [--data DIR] [--engine both|sqlite|mariadb]   'Meine Vorgänge' at N cases (default 1,000,000)");
        Console.WriteLine("       inbox [--rows N] [--data DIR] [--engine both|sqlite|mariadb]   Posteingang list and triage at N inbox items");
        Console.WriteLine("       efile [--rows N] [--data DIR] [--engine both|sqlite|mariadb]   header search over N documents with text, a file with 500 documents");
        Console.WriteLine("       dashboards [--rows N] [--data DIR] [--engine both|sqlite|mariadb]   each dashboard view of a head at N cases, and the list behind a number");
        Console.WriteLine("       exports [--rows N] [--engine both|sqlite|mariadb]   the case list report of N rows x 10 columns to .xlsx and CSV, beside Python's xlsxwriter and openpyxl");
        Console.WriteLine("       forms   an official form that unpacks to 1 GB, refused at upload and at filling (time, memory), and filling a 5,000 x 20 range");
        Console.WriteLine("       letters [--letters 500]   time to render a two-page Bescheid (p50, p95) and the PDF's size");
        Console.WriteLine("       contexts --url URL --log FILE   database contexts per triage action, one item and 20 (scripts/bench-contexts.sh)");
        Console.WriteLine("       circuits --pid PID [--url URL] [--contexts 50]   server memory per user with the inbox open (scripts/bench-circuits.sh)");
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

    /// <summary>Creates (once) and opens the million-row database; shared by the benchmarks.</summary>
    public static async Task<PooledDbContextFactory<BackOfficeDb>> OpenAsync(string dataDir, int rows, string engine)
    {
        var options = new BackOfficeOptions { DataDirectory = dataDir };
        Directory.CreateDirectory(dataDir);
        if (engine == DatabaseProviders.MariaDb)
            options.Database = new DatabaseOptions { Provider = engine, ConnectionString = SideBySide.MariaDbServer(dataDir) + $"_{rows}" };
        var builder = new DbContextOptionsBuilder<BackOfficeDb>();
        Database.Configure(builder, options);
        if (Environment.GetEnvironmentVariable("SHOW_SQL") == "2")
            builder.LogTo(Console.WriteLine, [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted]);
        var factory = new PooledDbContextFactory<BackOfficeDb>(builder.Options);

        await using (var db = await factory.CreateDbContextAsync())
        {
            if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
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
            Console.WriteLine($"Creating about {rows:N0} cases on {engine} (once; later runs reuse it) ...");
            var clock = Stopwatch.StartNew();
            var o = Microsoft.Extensions.Options.Options.Create(options);
            var county = new DemoCounty(factory, new DocumentStore(o), o, NullLogger<DemoCounty>.Instance);
            var counts = await county.SeedAsync(Anchor, rows / CasesPerScale, withDocuments: false);
            await Database.OptimizeAsync(factory); // as the app does at start-up
            Console.WriteLine($"  {counts.Cases:N0} cases, {counts.StatusChanges:N0} status changes, {counts.InboxItems:N0} inbox items in {clock.Elapsed.TotalSeconds:0.0} s");
        }
        return factory;
    }

    public static async Task<List<SideBySide.Result>> RunAsync(string dataDir, int rows, string engine)
    {
        var factory = await OpenAsync(dataDir, rows, engine);
        var results = new List<SideBySide.Result>();

        UnitScope clerk, head, controller;
        string clerkId;
        int serviceId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Scope = UnitScope.System;
            var units = await db.OrgUnits.ToDictionaryAsync(u => u.Key, u => u.Id);
            clerk = UnitScope.Of([units["50.1"]]);
            head = UnitScope.Of([units["50"], units["50.1"], units["50.2"], units["50.3"]]);
            controller = UnitScope.Of(units.Values, units.Count); // as UnitScopes gives the head of the whole county
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
            ("county head: whole county, all statuses", controller, all, CaseList.SortBy.ReceivedAt, true),
            ("county head: sort by Aktenzeichen", controller, all, CaseList.SortBy.Reference, false),
        };

        foreach (var (name, scope, filter, sort, desc) in scenarios)
        {
            if (Environment.GetEnvironmentVariable("ONLY") is { } only && !name.Contains(only)) continue;
            var skip = name.Contains("page 50") ? 49 * 20 : 0;
            CaseList.Page? page = null;
            var (median, p95, max) = await Timing.MeasureAsync(async _ =>
            {
                // As the page does it: a fresh context per operation.
                await using var db = await factory.CreateDbContextAsync();
                db.Scope = scope;
                page = await CaseList.QueryAsync(db, filter, sort, desc, skip, 20);
            });
            results.Add(new(name, median, p95, max, $"{page!.Rows.Count}/{(page.CountCapped ? ">" : "")}{page.Count:N0}"));
        }

        // The Akten page (issue 11): the files of the user's units, newest first, under a plan entry or found by name.
        int planEntry;
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Scope = UnitScope.System;
            planEntry = await db.FilePlanEntries.Where(e => e.Code == "50.1").Select(e => e.Id).SingleAsync();
        }
        var fileScenarios = new List<(string Name, UnitScope Scope, int? Plan, string? Text)>
        {
            ("Akten: clerk, all files", clerk, null, null),
            ("Akten: clerk, plan entry 50.1", clerk, planEntry, null),
            ("Akten: clerk, search 'Anna Müller'", clerk, null, "Anna Müller"),
            ("Akten: clerk, search 'Müller'", clerk, null, "Müller"),
            ("Akten: clerk, Aktenzeichen '50.1-001'", clerk, null, "50.1-001"),
            ("Akten: head, 4 units, all files", head, null, null),
            ("Akten: county head, all files", controller, null, null),
        };
        foreach (var (name, scope, plan, text) in fileScenarios)
        {
            if (Environment.GetEnvironmentVariable("ONLY") is { } only && !name.Contains(only)) continue;
            FileList.Page? page = null;
            var (median, p95, max) = await Timing.MeasureAsync(async _ =>
            {
                await using var db = await factory.CreateDbContextAsync();
                db.Scope = scope;
                page = await FileList.QueryAsync(db, plan, text, 0);
            });
            results.Add(new(name, median, p95, max, $"{page!.Rows.Count}/{(page.CountCapped ? ">" : "")}{page.Count:N0}"));
        }
        return results;
    }
}

static class Timing
{
    public const int Runs = 53;

    /// <summary>Runs an operation 53 times, drops 3 warm-ups, returns (median, p95, max) of the other 50 in ms.</summary>
    public static async Task<(double Median, double P95, double Max)> MeasureAsync(Func<int, Task> run)
    {
        var times = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await run(i);
            if (i >= 3) times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1], times[^1]);
    }
}

/// <summary>The Posteingang at a million inbox items: list, filters, and assign plus create case through the real Triage.</summary>
static class InboxBenchmark
{
    private sealed class FixedUser(System.Security.Claims.ClaimsPrincipal user) : Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider
    {
        public override Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new Microsoft.AspNetCore.Components.Authorization.AuthenticationState(user));
    }

    public static async Task<List<SideBySide.Result>> RunAsync(string dataDir, int rows, string engine)
    {
        var factory = await CaseListBenchmark.OpenAsync(dataDir, rows, engine);
        var results = new List<SideBySide.Result>();
        int egh, planId, serviceId;
        string clerkId;
        List<int> head;
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Scope = UnitScope.System;
            var units = await db.OrgUnits.ToDictionaryAsync(u => u.Key, u => u.Id);
            (egh, head) = (units["50.1"], [units["50"], units["50.1"], units["50.2"], units["50.3"]]);
            clerkId = await db.Users.Where(u => u.UserName == "clerk").Select(u => u.Id).SingleAsync();
            planId = await db.FilePlanEntries.Where(p => p.Code == "50.1").Select(p => p.Id).SingleAsync();
            serviceId = await db.Services.Where(s => s.Key == "99107001001000").Select(s => s.Id).SingleAsync();
            Console.WriteLine($"Database: {await db.InboxItems.CountAsync():N0} inbox items; clerk's unit {await db.InboxItems.CountAsync(i => i.UnitId == egh):N0}");
        }
        var clerk = UnitScope.Of([egh]);
        var wohngeld = 0;
        string numberPrefix;
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Scope = UnitScope.System;
            wohngeld = await db.Services.Where(x => x.UnitId == egh).OrderBy(x => x.Id).Select(x => x.Id).FirstAsync();
            // The seed assigns no inbox items and sets no Wiedervorlage: give the clerk every 100th item of the unit
            // and put every 5th open item on Wiedervorlage, once, so that "mine" and "auf Wiedervorlage" have rows to find.
            if (!await db.InboxItems.AnyAsync(i => i.ResubmitAt != null))
            {
                await db.Database.ExecuteSqlAsync($"UPDATE InboxItems SET AssigneeId = {clerkId}, State = CASE State WHEN 0 THEN 1 ELSE State END WHERE UnitId = {egh} AND Id % 100 = 0");
                await db.Database.ExecuteSqlAsync($"UPDATE InboxItems SET ResubmitAt = {DateTime.UtcNow.AddYears(5)} WHERE State IN (0, 1) AND Id % 5 = 0");
            }
            // A number prefix of the clerk's own unit (the seed numbers each unit's items in blocks): about 100 hits.
            // (Halfway into the unit's items, also when a small database has fewer than 100,000 of them.)
            var unitItems = await db.InboxItems.CountAsync(i => i.UnitId == egh && i.Number.StartsWith("E-"));
            var someNumber = await db.InboxItems.Where(i => i.UnitId == egh && i.Number.StartsWith("E-")).OrderBy(i => i.Id).Skip(Math.Min(50_000, unitItems / 2)).Select(i => i.Number).FirstAsync();
            numberPrefix = someNumber[..^2];
        }
        const InboxList.StateFilter all = InboxList.StateFilter.All;
        var scenarios = new List<(string Name, UnitScope Scope, InboxList.Filter Filter)>
        {
            ("clerk: first page (open, newest first)", clerk, new()),
            ("clerk: open, oldest first", clerk, new() { Sort = InboxList.Sort.Oldest }),
            ("clerk: all states, newest first", clerk, new() { State = all }),
            ("clerk: done, oldest first", clerk, new() { State = InboxList.StateFilter.Done, Sort = InboxList.Sort.Oldest }),
            ("clerk: unassigned", clerk, new() { Assignee = InboxList.AssigneeFilter.Unassigned }),
            ("clerk: mine, all states", clerk, new() { State = all, Assignee = InboxList.AssigneeFilter.Me, UserId = clerkId }),
            ("clerk: channel Papier, all states", clerk, new() { State = all, Channel = Channel.Papier }),
            ("clerk: one service, all states", clerk, new() { State = all, ServiceId = wohngeld }),
            ("clerk: search 'Mül', all states", clerk, new() { State = all, Text = "Mül" }),
            ("clerk: search 'Müller Anna', all states", clerk, new() { State = all, Text = "Müller Anna" }),
            ("clerk: search 'Eingliederungshilfe' (130k hits)", clerk, new() { State = all, Text = "Eingliederungshilfe" }),
            ("clerk: search 'Frühförderung', open", clerk, new() { Text = "Frühförderung" }),
            ("clerk: search 'Schmidt', open", clerk, new() { Text = "Schmidt" }),
            ($"clerk: number '{numberPrefix}'", clerk, new() { State = all, Text = numberPrefix }),
            ("clerk: auf Wiedervorlage", clerk, new() { State = InboxList.StateFilter.Waiting }),
            ("clerk: new (not waiting), oldest first", clerk, new() { State = InboxList.StateFilter.New, Sort = InboxList.Sort.Oldest }),
            ("clerk: received Oct 2026, all", clerk, new() { State = all, ReceivedFrom = new DateTime(2026, 10, 1), ReceivedTo = new DateTime(2026, 11, 1) }),
            ("clerk: all states, by sender", clerk, new() { State = all, Sort = InboxList.Sort.Sender }),
            ("clerk: open, by sender", clerk, new() { Sort = InboxList.Sort.Sender }),
            ("head: 4 units, open", UnitScope.Of(head), new()),
            ("head: 4 units, all states, oldest first", UnitScope.Of(head), new() { State = all, Sort = InboxList.Sort.Oldest }),
            ("head: 4 units, search 'Schmidt', all", UnitScope.Of(head), new() { State = all, Text = "Schmidt" }),
            ("head: 4 units, open, by sender", UnitScope.Of(head), new() { Sort = InboxList.Sort.Sender }),
        };
        foreach (var (name, scope, filter) in scenarios)
        {
            if (Environment.GetEnvironmentVariable("ONLY") is { } only && !name.Contains(only)) continue;
            InboxList.Page? page = null;
            var (median, p95, max) = await Timing.MeasureAsync(async _ =>
            {
                await using var db = await factory.CreateDbContextAsync();
                db.Scope = scope;
                page = await InboxList.QueryAsync(db, filter, 0, 20);
            });
            results.Add(new(name.Replace(numberPrefix, "E-…"), median, p95, max, $"{(page!.CountCapped ? ">" : "")}{page.Count:N0}"));
        }

        // The number beside "Posteingang" in the navigation, counted at every page and after inbox changes.
        foreach (var (name, scope) in new[] { ("navigation count: clerk", clerk), ("navigation count: head, 4 units", UnitScope.Of(head)) })
        {
            var count = 0;
            var (m, p, x) = await Timing.MeasureAsync(async _ =>
            {
                await using var db = await factory.CreateDbContextAsync();
                db.Scope = scope;
                count = await InboxList.CountUnassignedAsync(db, DateTime.UtcNow);
            });
            results.Add(new(name, m, p, x, $"{count:N0}"));
        }

        // Assign to me plus create case, as the clerk does it, on fresh paper items.
        var ids = new List<int>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Scope = UnitScope.System;
            for (var i = 0; i < Timing.Runs; i++)
                db.InboxItems.Add(new InboxItem { Number = $"B-{Guid.NewGuid():N}"[..20], Channel = Channel.Papier, ReceivedAt = DateTime.UtcNow, UnitId = egh, Subject = "Widerspruch", Sender = $"Benchmark, Brief {i}" });
            await db.SaveChangesAsync();
            ids = await db.InboxItems.Where(i => i.Number.StartsWith("B-") && i.State == InboxState.Neu).OrderByDescending(i => i.Id).Take(Timing.Runs).Select(i => i.Id).ToListAsync();
        }
        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, clerkId), new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "clerk")], "bench"));
        var scopes = new BackOffice.Features.Access.UnitScopes(factory, new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions()));
        var triage = new BackOffice.Features.Inbox.Triage(new BackOffice.Features.Access.UserDb(factory, scopes, new FixedUser(principal)), new InboxEvents(), new BackOffice.Features.Inbox.InboxCounter());
        var outcomes = new List<string>();
        var (m2, p2, x2) = await Timing.MeasureAsync(async i =>
        {
            var assigned = await triage.AssignAsync(ids[i], 0, clerkId);
            var created = await triage.CreateCaseAsync(ids[i], 1, null, planId, clerkId, serviceId);
            outcomes.Add($"{assigned.GetType().Name}/{created.GetType().Name}");
        });
        results.Add(new("assign to me + create case (new file)", m2, p2, x2, string.Join(",", outcomes.Distinct())));
        return results;
    }
}

/// <summary>Runs a benchmark on each engine and prints the figures side by side.</summary>
static class SideBySide
{
    public sealed record Result(string Name, double Median, double P95, double Max, string Info);

    public static async Task<Dictionary<string, List<Result>>> RunAsync(string[] engines, Func<string, Task<List<Result>>> run)
    {
        var all = new Dictionary<string, List<Result>>();
        foreach (var engine in engines) all[engine] = await run(engine);
        return all;
    }

    public static void Print(string title, int rows, double budget, Dictionary<string, List<Result>> all)
    {
        var engines = all.Keys.ToList();
        Console.WriteLine();
        Console.WriteLine($"{title} at {rows:N0} rows: median / p95 / max of {Timing.Runs - 3} runs each (after 3 warm-ups), in ms");
        Console.WriteLine($"{"scenario",-50} " + string.Join("  ", engines.Select(e => $"{e,-26}")) + "  rows");
        foreach (var name in all[engines[0]].Select(r => r.Name))
        {
            var cells = engines.Select(e => all[e].FirstOrDefault(r => r.Name == name) is { } r ? $"{r.Median,7:0.0} {r.P95,7:0.0} {r.Max,7:0.0}    " : new string(' ', 28));
            Console.WriteLine($"{name,-50} " + string.Join("", cells) + all[engines[0]].First(r => r.Name == name).Info);
        }
        foreach (var e in engines)
        {
            var worst = all[e].Where(r => !r.Name.StartsWith("assign")).Max(r => r.P95);
            Console.WriteLine($"worst p95 on {e}: {worst:0.0} ms (budget {budget} ms)");
        }
    }

    /// <summary>A MariaDB server of the benchmark's own (scripts/mariadb.sh), left running for the next run; its base connection string.</summary>
    public static string MariaDbServer(string dataDir)
    {
        var start = new ProcessStartInfo("scripts/mariadb.sh", ["start", dataDir + "-mariadb"]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException("scripts/mariadb.sh start failed (run from the repository root)");
        return output.Trim().Split('\n')[^1].Replace("Database=backoffice", "Database=bench");
    }
}

/// <summary>
/// The e-file at scale (issue 11): the header search over a million documents with text, and opening a file (the
/// Aktendeckel) with 500 documents. The documents are written once into the million-case database, straight in SQL.
/// </summary>
static class EFileBenchmark
{
    public static async Task<List<SideBySide.Result>> RunAsync(string dataDir, int rows, string engine)
    {
        var factory = await CaseListBenchmark.OpenAsync(dataDir, rows, engine);
        Dictionary<string, int> units;
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Scope = UnitScope.System;
            units = await db.OrgUnits.ToDictionaryAsync(u => u.Key, u => u.Id);
            var documents = await db.Documents.CountAsync();
            if (documents < rows)
            {
                Console.WriteLine($"Writing {rows - documents:N0} documents with text on {engine} (once) ...");
                var clock = Stopwatch.StartNew();
                await WriteDocumentsAsync(db, rows - documents, units);
                Console.WriteLine($"  in {clock.Elapsed.TotalSeconds:0} s");
            }
        }
        var fileId = await BigFileAsync(factory, units["50.1"]);

        var clerk = UnitScope.Of([units["50.1"]]);
        var head = UnitScope.Of([units["50"], units["50.1"], units["50.2"], units["50.3"]]);
        var county = UnitScope.Of(units.Values, units.Count);
        var results = new List<SideBySide.Result>();
        var searches = new List<(string Name, UnitScope Scope, string Text)>
        {
            ("Suche: clerk, common word 'Antrag'", clerk, "Antrag"),
            ("Suche: clerk, two words 'Antrag Eingliederungshilfe'", clerk, "Antrag Eingliederungshilfe"),
            ("Suche: clerk, a name 'Müller Anna'", clerk, "Müller Anna"),
            ("Suche: clerk, rare keyword 'kw4711'", clerk, "kw4711"),
            ("Suche: clerk, rare keyword + common word", clerk, "kw4711 Antrag"),
            ("Suche: clerk, no hit 'Zaunkönig'", clerk, "Zaunkönig"),
            ("Suche: clerk, page 5 of 'Antrag'", clerk, "Antrag"),
            ("Suche: head, 4 units, 'Bescheid'", head, "Bescheid"),
            ("Suche: county, 'kw123'", county, "kw123"),
        };
        foreach (var (name, scope, text) in searches)
        {
            if (Environment.GetEnvironmentVariable("ONLY") is { } only && !name.Contains(only)) continue;
            var skip = name.Contains("page 5") ? 4 * HeaderSearch.PageSize : 0;
            HeaderSearch.Result? result = null;
            var (median, p95, max) = await Timing.MeasureAsync(async _ =>
            {
                await using var db = await factory.CreateDbContextAsync();
                db.Scope = scope;
                result = await HeaderSearch.RunAsync(db, text, skip);
            });
            results.Add(new(name, median, p95, max, $"{result!.Documents.Count}{(result.MoreDocuments ? "+" : "")} docs, {result.Files.Count} files, {result.Cases.Count} cases"));
        }
        if (Environment.GetEnvironmentVariable("ONLY") is not { } o || "Aktendeckel".Contains(o))
        {
            FileList.Cover? cover = null;
            var (m, p, x) = await Timing.MeasureAsync(async _ =>
            {
                await using var db = await factory.CreateDbContextAsync();
                db.Scope = clerk;
                cover = await FileList.CoverAsync(db, fileId);
                db.LogRead(nameof(CaseFile), fileId.ToString(), units["50.1"]); // as the page does
                await db.SaveChangesAsync();
            });
            results.Add(new("Aktendeckel: file with 500 documents", m, p, x, $"{cover!.Documents.Count} documents, {cover.Cases.Count} cases"));
        }
        return results;
    }

    private static readonly string[] Words =
        ["Antrag", "Bescheid", "Nachweis", "Einkommen", "Gutachten", "Stellungnahme", "Eingliederungshilfe", "Kindertagespflege", "Pflegegrad", "Schulbegleitung",
         "Widerspruch", "Frist", "Unterlagen", "Arztbericht", "Mietvertrag", "Kontoauszug", "Gemeinde", "Grundstück", "Zulassung", "Wohngeld"];
    private static readonly string[] Names = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch"];
    private static readonly string[] FirstNames = ["Anna", "Jonas", "Lena", "Paul", "Marie", "Felix", "Sophie", "Lukas", "Emma", "Leon", "Mia", "Ben"];

    /// <summary>Documents of cases, a sentence or three of German office text each, with a rare keyword ("kw1234") for rare searches.</summary>
    private static async Task WriteDocumentsAsync(BackOfficeDb db, int count, Dictionary<string, int> units)
    {
        var cases = await db.Cases.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.UnitId }).Take(200_000).ToListAsync();
        var random = new Random(11);
        var sha = new string('0', 64);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.SuppressChangeAudit = true;
        const int batch = 5000;
        for (var done = 0; done < count; done += batch)
        {
            var sql = new System.Text.StringBuilder();
            var versions = new System.Text.StringBuilder();
            var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
            for (var i = 0; i < Math.Min(batch, count - done); i++)
            {
                var c = cases[random.Next(cases.Count)];
                string W() => Words[random.Next(Words.Length)];
                var name = $"{Names[random.Next(Names.Length)]}, {FirstNames[random.Next(FirstNames.Length)]}";
                var text = $"{W()} von {name}: {W()} und {W()} liegen vor. {W()} zum {W()} bis zum Ablauf der Frist. Stichwort kw{random.Next(100_000)}.";
                sql.Append(sql.Length == 0 ? "" : ",").Append($"({c.Id},{c.UnitId},'{W()} {done + i}',{random.Next(1, 6)},'{now}','{text.Replace("'", "''")}')");
            }
            var insert = "INSERT INTO Documents (CaseId, UnitId, Title, Type, CreatedAt, Text) VALUES " + sql;
            await db.Database.ExecuteSqlRawAsync(insert);
            // A version each (the search shows the file name); the bytes are never read here.
            await db.Database.ExecuteSqlRawAsync("INSERT INTO DocumentVersions (DocumentId, Number, Sha256, Size, MimeType, FileName, CreatedAt) " +
                $"SELECT d.Id, 1, '{sha}', 1, 'application/pdf', 'dokument.pdf', d.CreatedAt FROM Documents d WHERE NOT EXISTS (SELECT 1 FROM DocumentVersions v WHERE v.DocumentId = d.Id) AND d.Id > (SELECT coalesce(max(DocumentId), 0) FROM DocumentVersions)");
            if ((done / batch) % 20 == 0) Console.WriteLine($"  {done + batch:N0} ...");
        }
    }

    /// <summary>A file with one case of 500 documents (made once).</summary>
    private static async Task<int> BigFileAsync(PooledDbContextFactory<BackOfficeDb> factory, int unitId)
    {
        await using var db = await factory.CreateDbContextAsync();
        db.Scope = UnitScope.System;
        db.SuppressChangeAudit = true;
        if (await db.CaseFiles.Where(f => f.Reference == "50.1-BENCH500").Select(f => (int?)f.Id).SingleOrDefaultAsync() is { } existing) return existing;
        var plan = await db.FilePlanEntries.Where(e => e.Code == "50.1").Select(e => e.Id).SingleAsync();
        var now = DateTime.UtcNow;
        var file = new CaseFile { Reference = "50.1-BENCH500", FilePlanEntryId = plan, Sequence = 999_999, UnitId = unitId, Title = "Große Akte", ApplicantName = "Groß, Akte", CreatedAt = now };
        var @case = new Case { Reference = "50.1-BENCH500/1", CaseFile = file, UnitId = unitId, Subject = "Große Akte", ApplicantName = "Groß, Akte", ReceivedAt = now, StatusChangedAt = now };
        for (var i = 0; i < 500; i++)
            @case.Documents.Add(new Document { UnitId = unitId, Title = $"Dokument {i + 1}", Type = DocumentType.Nachweis, CreatedAt = now.AddMinutes(-i), Text = "",
                Versions = [new DocumentVersion { Number = 1, Sha256 = new string('0', 64), Size = 1, MimeType = "application/pdf", FileName = $"Dokument {i + 1}.pdf", CreatedAt = now.AddMinutes(-i) }] });
        db.Cases.Add(@case);
        await db.SaveChangesAsync();
        return file.Id;
    }
}

/// <summary>
/// The dashboard at a million cases (issue 12): each view as the page computes it (the selection checked against the
/// scope, then every figure), from the Fachbereich down to one clerk, and the list behind a number.
/// </summary>
static class DashboardBenchmark
{
    public static async Task<List<SideBySide.Result>> RunAsync(string dataDir, int rows, string engine)
    {
        var factory = await CaseListBenchmark.OpenAsync(dataDir, rows, engine);
        Dictionary<string, int> units;
        string headId, countyId, clerkId;
        int serviceId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Scope = UnitScope.System;
            units = await db.OrgUnits.ToDictionaryAsync(u => u.Key, u => u.Id);
            headId = await db.Users.Where(u => u.UserName == "head").Select(u => u.Id).SingleAsync();
            countyId = await db.Users.Where(u => u.UserName == "controller").Select(u => u.Id).SingleAsync(); // works for the Kreis
            clerkId = await db.Users.Where(u => u.UserName == "clerk").Select(u => u.Id).SingleAsync();
            serviceId = await db.Services.Where(s => s.Key == "99107001001000").Select(s => s.Id).SingleAsync();
            var soziales = new[] { units["50.1"], units["50.2"], units["50.3"] };
            Console.WriteLine($"Database: {await db.Cases.CountAsync():N0} cases; Fachbereich 50: {await db.Cases.CountAsync(c => soziales.Contains(c.UnitId)):N0}, " +
                $"open there: {await db.Cases.CountAsync(c => soziales.Contains(c.UnitId) && c.Status < CaseStatus.Entschieden):N0}");
        }
        var head = UnitScope.Of([units["50"], units["50.1"], units["50.2"], units["50.3"]]);
        var county = UnitScope.Of(units.Values, units.Count);
        var views = new List<(string Name, UnitScope Scope, string User, DashboardSelection Selection)>
        {
            ("head: Fachbereich 50, 12 weeks (default)", head, headId, new()),
            ("head: Fachdienst 50.1", head, headId, new() { Unit = "50.1" }),
            ("head: clerk Anna Becker", head, headId, new() { Unit = "50.1", Clerk = clerkId }),
            ("head: nobody assigned", head, headId, new() { Clerk = DashboardSelection.Nobody }),
            ("head: one service, portal only", head, headId, new() { ServiceId = serviceId, Channel = Channel.Portal }),
            ("head: Fachbereich 50, 52 weeks", head, headId, new() { Weeks = 52 }),
            ("county head: whole Kreis, 12 weeks", county, countyId, new()),
        };
        var results = new List<SideBySide.Result>();
        foreach (var (name, scope, user, selection) in views)
        {
            if (Environment.GetEnvironmentVariable("ONLY") is { } only && !name.Contains(only)) continue;
            DashboardFigures.Result? figures = null;
            var (median, p95, max) = await Timing.MeasureAsync(async _ =>
            {
                await using var db = await factory.CreateDbContextAsync();
                db.Scope = scope;
                var view = await DashboardView.ResolveAsync(db, user, selection) ?? throw new InvalidOperationException(name);
                figures = await DashboardFigures.ComputeAsync(async () => { var x = await factory.CreateDbContextAsync(); x.Scope = scope; return x; }, view, DateTime.UtcNow);
            });
            results.Add(new(name, median, p95, max, $"{figures!.OpenCases:N0} open, {figures.Weeks.Sum(w => w.Incoming):N0} in, {figures.Processing.Count:N0} done"));
        }
        var lists = new List<(string Name, DashboardSelection Selection, Figure Figure)>
        {
            ("list: open cases of Fachbereich 50", new(), Figure.Open),
            ("list: completed in 12 weeks, Fachbereich 50", new(), Figure.Between(FigureKind.Completed, LocalDays.Today().AddDays(-83), LocalDays.Today())),
            ("list: § 14 jurisdiction overdue", new(), new(FigureKind.JurisdictionOverdue)),
        };
        foreach (var (name, selection, figure) in lists)
        {
            if (Environment.GetEnvironmentVariable("ONLY") is { } only && !name.Contains(only)) continue;
            DashboardCases.Page? page = null;
            var (median, p95, max) = await Timing.MeasureAsync(async _ =>
            {
                await using var db = await factory.CreateDbContextAsync();
                db.Scope = head;
                var view = await DashboardView.ResolveAsync(db, headId, selection) ?? throw new InvalidOperationException(name);
                page = await DashboardCases.QueryAsync(db, view, figure, new DashboardClock(DateTime.UtcNow, view.Selection.Weeks), 0);
            });
            results.Add(new(name, median, p95, max, $"{page!.Count:N0}{(page.CountCapped ? "+" : "")} cases"));
        }
        return results;
    }
}

/// <summary>
/// Issue 13's figure: the report "Vorgänge (Liste)" (10 columns) over every case of the bench database, from the
/// database to the file, as .xlsx and as CSV, each in a process of its own so that its peak memory (VmHWM) is the
/// export's alone; then Python's xlsxwriter (constant_memory) and openpyxl (write-only) writing the same rows.
/// </summary>
static class ExportBenchmark
{
    private static readonly DateOnly From = new(2024, 11, 20), To = new(2026, 11, 26);

    private static async Task<ReportDefinition> ReportAsync()
    {
        var folder = Path.Combine(Directory.GetCurrentDirectory(), "reports");
        var catalog = new ReportCatalog(Microsoft.Extensions.Options.Options.Create(new BackOfficeOptions { ReportsDirectory = folder }));
        await Task.CompletedTask;
        return catalog.Find("vorgaenge-liste") ?? throw new InvalidOperationException("reports/vorgaenge-liste.json: " + string.Join("; ", catalog.Problems));
    }

    public static async Task ChildAsync(string dataDir, int rows, string engine, string format, string output, string? tsv, int parallel = 1)
    {
        var factory = await CaseListBenchmark.OpenAsync(dataDir, rows, engine);
        var report = await ReportAsync();
        List<int> units;
        await using (var db = await factory.CreateDbContextAsync()) { db.Scope = UnitScope.System; units = await db.OrgUnits.Select(u => u.Id).ToListAsync(); }
        var clock = Stopwatch.StartNew();
        // Several at once (as two controllers exporting at the same time), each with its context and its file.
        var counts = await Task.WhenAll(Enumerable.Range(0, parallel).Select(i => Task.Run(async () =>
        {
            await using var db2 = await factory.CreateDbContextAsync();
            var request = new ReportRequest(From, To, null, null);
            var rowsOut = ReportRunner.RowsAsync(db2, report, request, units, DateTime.UtcNow).Prefetched(4096); // as the export endpoint reads
            await using var file = File.Create(i == 0 ? output : output + $".{i}");
            if (tsv is not null) return await WriteTsvAsync(file, report, rowsOut);
            if (format == "csv") return await ReportExport.CsvAsync(file, report, rowsOut);
            return await ReportExport.XlsxAsync(file, report, rowsOut, new ExportInfo(report.Title, $"{From} bis {To}", "Landkreis", "alle", "alle", "benchmark", DateTime.Now, "benchmark"));
        })));
        var peak = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        Console.WriteLine($"RESULT {counts[0]};{clock.Elapsed.TotalSeconds:0.000};{peak};{new FileInfo(output).Length}");
    }

    /// <summary>The rows as Python reads them: tab-separated, numbers with a dot, moments as the local date.</summary>
    private static async Task<int> WriteTsvAsync(Stream stream, ReportDefinition report, IAsyncEnumerable<object?[]> rows)
    {
        await using var w = new StreamWriter(stream);
        await w.WriteLineAsync(string.Join("\t", report.Columns.Select(c => c.Name)));
        var n = 0;
        await foreach (var row in rows)
        {
            await w.WriteLineAsync(string.Join("\t", row.Select(v => v switch
            {
                null => "",
                double d => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
                DateTime t => t.ToString("yyyy-MM-dd"),
                _ => v.ToString()!.Replace('\t', ' '),
            })));
            n++;
        }
        return n;
    }

    private static (int Rows, double Seconds, long PeakKb, long Bytes) Child(string engine, string format, string output, bool tsv = false, int parallel = 1)
    {
        var self = Environment.ProcessPath!;
        var args = new List<string>();
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") args.Add(typeof(ExportBenchmark).Assembly.Location);
        args.AddRange(["export-child", "--engine", engine == DatabaseProviders.MariaDb ? "mariadb" : "sqlite", "--format", format, "--out", output]);
        if (tsv) args.AddRange(["--tsv", "1"]);
        if (parallel > 1) args.AddRange(["--parallel", parallel.ToString()]);
        return Parse(Run(self, args), "RESULT ");
    }

    private static string Run(string file, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)}: {error}{output}");
        return output;
    }

    private static (int, double, long, long) Parse(string output, string prefix)
    {
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last(l => prefix == "" || l.StartsWith(prefix));
        var parts = line[prefix.Length..].Trim().Split(';');
        return (int.Parse(parts[0]), double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), long.Parse(parts[2]), parts.Length > 3 ? long.Parse(parts[3]) : 0);
    }

    public static async Task RunAsync(string dataDir, int rows, string[] engines)
    {
        await Task.CompletedTask;
        var dir = Path.Combine(dataDir, "exports");
        Directory.CreateDirectory(dir);
        var results = new List<(string Name, int Rows, double Seconds, long PeakKb, long Bytes)>();
        foreach (var engine in engines)
        {
            var e = engine == DatabaseProviders.MariaDb ? "MariaDB" : "SQLite";
            // A run not counted: the database's pages in the OS cache (or MariaDB's buffer pool), as on a server in use.
            Child(engine, "csv", Path.Combine(dir, $"warm-{e}.csv"));
            var x = Child(engine, "xlsx", Path.Combine(dir, $"liste-{e}.xlsx"));
            results.Add(($"BackOffice .xlsx from {e}", x.Rows, x.Seconds, x.PeakKb, x.Bytes));
            var c = Child(engine, "csv", Path.Combine(dir, $"liste-{e}.csv"));
            results.Add(($"BackOffice CSV from {e}", c.Rows, c.Seconds, c.PeakKb, c.Bytes));
            var two = Child(engine, "xlsx", Path.Combine(dir, $"liste-{e}-zwei.xlsx"), parallel: 2);
            results.Add(($"BackOffice two .xlsx at once from {e}", two.Rows, two.Seconds, two.PeakKb, two.Bytes));
        }
        var tsv = Path.Combine(dir, "liste.tsv");
        Child(engines[0], "tsv", tsv, tsv: true);
        foreach (var kind in new[] { "xlsxwriter", "openpyxl" })
        {
            var output = Path.Combine(dir, $"liste-{kind}.xlsx");
            var (n, s, kb, _) = Parse(Run("/usr/bin/python3", ["scripts/bench-exports.py", kind, tsv, output]), "");
            results.Add(($"Python {kind} (same rows from a TSV file)", n, s, kb, new FileInfo(output).Length));
        }
        var ours = results.Where(r => r.Name.StartsWith("BackOffice .xlsx")).ToList();
        Console.WriteLine($"\nExport of the case list report, {results[0].Rows:N0} rows x 10 columns, from the database to the file (budget: under 5 s and 150 MB)");
        Console.WriteLine($"{"writer",-48} {"rows",10} {"seconds",8} {"peak MB",8} {"file MB",8}  {"time vs ours",13} {"memory vs ours",14}");
        foreach (var r in results)
        {
            var baseline = ours.First();
            Console.WriteLine($"{r.Name,-48} {r.Rows,10:N0} {r.Seconds,8:0.00} {r.PeakKb / 1024.0,8:0.0} {r.Bytes / 1048576.0,8:0.0}  {r.Seconds / baseline.Seconds,12:0.0}x {r.PeakKb / (double)baseline.PeakKb,13:0.0}x");
        }
    }
}

/// <summary>
/// Hostile official forms: a 1 GB zip bomb (the probe's took the server from 463 MB to 7 GB in 52 s) checked at upload
/// and at filling, and the largest range a form may name filled (a whole-column range kept a core busy for good).
/// </summary>
static class HostileFormBenchmark
{
    public static void Run()
    {
        var template = Template();
        Console.WriteLine("Writing a form whose sheet unpacks to 1 GB ...");
        var bomb = WithPart(template, "xl/worksheets/sheet1.xml", stream =>
        {
            stream.Write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData/>"u8);
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (var i = 0; i < 1024; i++) stream.Write(spaces);
            stream.Write("</worksheet>"u8);
        });
        Console.WriteLine($"  {bomb.Length / 1024.0 / 1024.0:0.0} MB on disk (the upload limit is {BackOffice.Features.Reports.Forms.OfficialForms.MaxBytes / 1024 / 1024} MB)");
        Measure("upload check (FormTemplate.Read)", () => BackOffice.Features.Reports.Forms.FormTemplate.Read(bomb).Problem);
        Measure("filling a stored bomb (FormTemplate.Fill)", () => BackOffice.Features.Reports.Forms.FormTemplate.Fill(bomb, []).Problem);

        var rows = BackOffice.Features.Reports.Forms.FormTemplate.MaxRangeRows;
        var form = WithName(template, "Zeilen", $"Meldung!$A$100:$T${99 + rows}");
        var target = BackOffice.Features.Reports.Forms.FormTemplate.Read(form).Names.Single(n => n.Name == "Zeilen");
        var values = Enumerable.Range(1, rows).Select(i => Enumerable.Range(0, 20).Select(c => (object?)(i * 100L + c)).ToArray()).ToList();
        Measure($"filling {rows:N0} rows x 20 columns", () => BackOffice.Features.Reports.Forms.FormTemplate.Fill(form, [new(target, null, values)]).Problem ?? "filled");
        Console.WriteLine("Anchor (issue 19, before): the 1 GB form took the server from 463 MB to 7 GB in 52 s; A1:E1048576 never finished.");
    }

    private static void Measure(string what, Func<string?> run)
    {
        GC.Collect();
        var (allocated, watch) = (GC.GetTotalAllocatedBytes(true), Stopwatch.StartNew());
        var answer = run();
        Console.WriteLine($"{what,-45} {watch.Elapsed.TotalMilliseconds,8:0} ms {(GC.GetTotalAllocatedBytes(true) - allocated) / 1024.0 / 1024.0,8:0.0} MB allocated, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MB: {answer}");
    }

    private static byte[] Template()
    {
        using var resource = typeof(BackOffice.Features.Reports.Forms.OfficialForms).Assembly.GetManifestResourceStream("OZG-Meldung.xlsx")!;
        using var copy = new MemoryStream();
        resource.CopyTo(copy);
        return copy.ToArray();
    }

    private static byte[] WithPart(byte[] template, string name, Action<Stream> write)
    {
        using var output = new MemoryStream();
        using (var source = new System.IO.Compression.ZipArchive(new MemoryStream(template), System.IO.Compression.ZipArchiveMode.Read))
        using (var target = new System.IO.Compression.ZipArchive(output, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries.Where(e => e.FullName != name))
            {
                using var from = entry.Open();
                using var to = target.CreateEntry(entry.FullName).Open();
                from.CopyTo(to);
            }
            using var part = target.CreateEntry(name, System.IO.Compression.CompressionLevel.SmallestSize).Open();
            write(part);
        }
        return output.ToArray();
    }

    private static byte[] WithName(byte[] template, string name, string reference)
    {
        using var stream = new MemoryStream();
        stream.Write(template);
        using (var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, true))
        {
            var workbook = doc.WorkbookPart!.Workbook;
            var names = workbook.DefinedNames ??= new DocumentFormat.OpenXml.Spreadsheet.DefinedNames();
            names.Append(new DocumentFormat.OpenXml.Spreadsheet.DefinedName { Name = name, Text = reference });
            workbook.Save();
        }
        return stream.ToArray();
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BackOffice.SamplePortal;

// The sample portal. From the repo root:
//   dotnet run --project src/BackOffice.SamplePortal -- send [--count 10]                 realistic submissions, for demos
//   dotnet run -c Release --project src/BackOffice.SamplePortal -- load [--clients 16] [--seconds 60] [--pdf-kb 200] [--server-pid PID]
//   dotnet run -c Release --project src/BackOffice.SamplePortal -- probe [--clients 4] [--seconds 30]   the longest stretch without an accepted submission (failovers)
// Both take --url (default http://127.0.0.1:5080) and --key (default the demo county's demo-portal-key-2026).
var command = args.FirstOrDefault() ?? "help";
var url = Option("--url") ?? "http://127.0.0.1:5080";
var key = Option("--key") ?? "demo-portal-key-2026";
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
{
    BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30),
};
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

switch (command)
{
    case "send":
        return await SendAsync(int.Parse(Option("--count") ?? "10"), Option("--unit"));
    case "load":
        return await LoadAsync(int.Parse(Option("--clients") ?? "16"), int.Parse(Option("--seconds") ?? "60"),
            int.Parse(Option("--pdf-kb") ?? "200") * 1024, Option("--server-pid") is { } pid ? int.Parse(pid) : null);
    case "probe":
        return await ProbeAsync(int.Parse(Option("--clients") ?? "4"), int.Parse(Option("--seconds") ?? "30"));
    default:
        Console.WriteLine("usage: send [--count N] [--unit 50.1] | load [--clients N] [--seconds S] [--pdf-kb K] [--server-pid PID] | probe [--clients N] [--seconds S]  (--url, --key)");
        Console.WriteLine("       probe reports the longest time without service while you stop a part (an instance, a database node)");
        Console.WriteLine("       send --unit KEY sends only applications for that unit's services (default: any service)");
        return 2;
}

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

async Task<List<SampleSubmissions.Service>> ServicesAsync()
{
    var response = await http.GetAsync("/api/v1/services");
    response.EnsureSuccessStatusCode();
    using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    return doc.RootElement.EnumerateArray()
        .Select(s => new SampleSubmissions.Service(s.GetProperty("key").GetString()!, s.GetProperty("name").GetString()!, s.GetProperty("destination").GetString()!))
        .ToList();
}

async Task<int> SendAsync(int count, string? unit)
{
    var services = await ServicesAsync();
    if (unit is not null)
    {
        services = services.Where(s => s.Destination == unit).ToList();
        if (services.Count == 0)
        {
            Console.Error.WriteLine($"No service of this portal goes to unit {unit}; try e.g. --unit 50.1 (Eingliederungshilfe) or --unit 50.2 (Kindertagespflege).");
            return 2;
        }
    }
    var samples = new SampleSubmissions(Environment.TickCount);
    for (var i = 0; i < count; i++)
    {
        var delivery = samples.Next(services);
        var response = await http.PostAsync("/api/v1/submissions", delivery.ToContent());
        Console.WriteLine($"{(int)response.StatusCode} {delivery.Metadata["serviceType"]!["name"]} → {delivery.Metadata["destination"]}: {await response.Content.ReadAsStringAsync()}");
    }
    return 0;
}

async Task<int> LoadAsync(int clients, int seconds, int pdfBytes, int? serverPid)
{
    var services = await ServicesAsync();
    var warmUp = TimeSpan.FromSeconds(5);
    var latencies = new List<double>[clients];
    var errors = 0;
    var statuses = new System.Collections.Concurrent.ConcurrentDictionary<HttpStatusCode, int>();
    var clock = Stopwatch.StartNew();
    var end = warmUp + TimeSpan.FromSeconds(seconds);
    var memory = new List<(double At, long RssKb)>();
    using var sampling = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!sampling.IsCancelled())
        {
            if (serverPid is { } pid && Rss(pid) is { } rss) lock (memory) memory.Add((clock.Elapsed.TotalSeconds, rss));
            try { await Task.Delay(TimeSpan.FromSeconds(5), sampling.Token); } catch (TaskCanceledException) { }
        }
    });

    var workers = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
    {
        var samples = new SampleSubmissions(1000 + c);
        var own = latencies[c] = [];
        while (clock.Elapsed < end)
        {
            var delivery = samples.Next(services, pdfBytes);
            var started = clock.Elapsed;
            try
            {
                using var response = await http.PostAsync("/api/v1/submissions", delivery.ToContent());
                statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                    await Task.Delay(TimeSpan.FromSeconds(int.Parse(response.Headers.GetValues("Retry-After").First())));
                else if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
                else if (started > warmUp) own.Add((clock.Elapsed - started).TotalMilliseconds);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref errors);
            }
        }
    })).ToArray();
    await Task.WhenAll(workers);
    sampling.Cancel();
    await sampler;

    var all = latencies.SelectMany(l => l).Order().ToList();
    double P(double q) => all.Count == 0 ? double.NaN : all[Math.Min(all.Count - 1, (int)Math.Ceiling(all.Count * q) - 1)];
    Console.WriteLine($"clients {clients}, {seconds} s measured after {warmUp.TotalSeconds:0} s warm-up, PDF {pdfBytes / 1024} KB each");
    Console.WriteLine($"accepted: {all.Count:N0} = {all.Count / (double)seconds:0.0} submissions/s");
    Console.WriteLine($"latency ms: p50 {P(0.50):0.0}  p95 {P(0.95):0.0}  p99 {P(0.99):0.0}  max {(all.Count > 0 ? all[^1] : double.NaN):0.0}");
    Console.WriteLine($"responses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(int)s.Key}: {s.Value:N0}"))}; errors {errors}");
    if (memory.Count > 0)
        Console.WriteLine("server RSS MB: " + string.Join(" ", memory.Select(m => $"{m.At:0}s={m.RssKb / 1024}")));
    return errors == 0 ? 0 : 1;
}

// Small submissions from a few clients, each new one right after the last answer; a failed one (an error, a timeout,
// 5xx) is retried with the same id as a portal does. Reports, per client, the longest time from a failure until its
// next acceptance, and whether any acknowledged id was answered twice with "created" (it would have been stored twice).
async Task<int> ProbeAsync(int clients, int seconds)
{
    var services = await ServicesAsync();
    var clock = Stopwatch.StartNew();
    var end = TimeSpan.FromSeconds(seconds);
    var created = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
    var gaps = new double[clients];
    var slowest = new double[clients];
    var failures = 0;
    using var probe = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(1) })
    {
        BaseAddress = http.BaseAddress, Timeout = TimeSpan.FromSeconds(10),
    };
    probe.DefaultRequestHeaders.Authorization = http.DefaultRequestHeaders.Authorization;
    await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
    {
        var samples = new SampleSubmissions(5000 + c);
        TimeSpan? failingSince = null;
        SampleSubmissions.Delivery? retry = null;
        while (clock.Elapsed < end)
        {
            var delivery = retry ?? samples.Next(services, 4 * 1024);
            var ok = false;
            var started = clock.Elapsed;
            try
            {
                using var response = await probe.PostAsync("/api/v1/submissions", delivery.ToContent());
                slowest[c] = Math.Max(slowest[c], (clock.Elapsed - started).TotalMilliseconds);
                ok = response.IsSuccessStatusCode;
                if (response.StatusCode == HttpStatusCode.Created) created.AddOrUpdate(delivery.Id.ToString(), 1, (_, n) => n + 1);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            if (ok)
            {
                if (failingSince is { } since) gaps[c] = Math.Max(gaps[c], (clock.Elapsed - since).TotalMilliseconds);
                (failingSince, retry) = (null, null);
            }
            else
            {
                Interlocked.Increment(ref failures);
                failingSince ??= clock.Elapsed;
                retry = delivery;
                await Task.Delay(50);
            }
        }
    })));
    Console.WriteLine($"probe: {created.Count} submissions accepted, {failures} failed attempts (retried with the same id)");
    Console.WriteLine($"longest time from a failed attempt to the next acceptance, per client (ms): {string.Join(" ", gaps.Select(g => g.ToString("0")))}; max {gaps.Max():0}");
    Console.WriteLine($"slowest answer, per client (ms): {string.Join(" ", slowest.Select(g => g.ToString("0")))}; max {slowest.Max():0}");
    Console.WriteLine($"answered \"created\" twice: {created.Count(c => c.Value > 1)}");
    return created.Any(c => c.Value > 1) ? 1 : 0;
}

static long? Rss(int pid)
{
    try
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:"));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
    }
    catch (IOException) { return null; }
}

static class CancellationExtensions
{
    public static bool IsCancelled(this CancellationTokenSource cts) => cts.IsCancellationRequested;
}

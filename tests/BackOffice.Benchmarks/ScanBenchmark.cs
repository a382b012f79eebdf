using System.Diagnostics;
using BackOffice.Data;
using BackOffice.Features.Documents;
using BackOffice.Features.Inbox;
using BackOffice.Features.Scanning;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

/// <summary>
/// The Scanstelle's figures: pages per minute through the whole pipeline beside ocrmypdf alone on the same file, the
/// time from a file in the scanner's folder to its proposal and into the Posteingang, the routing accuracy of rules and
/// the learned classifier on a generated corpus, and the server's memory while a large batch is read.
/// </summary>
static class ScanBenchmark
{
    public static async Task RunAsync(string dataDir, int pages, int bigPages, int letters)
    {
        var factory = await CaseListBenchmark.OpenAsync(dataDir, 2000, DatabaseProviders.Sqlite);
        var options = new BackOfficeOptions { DataDirectory = dataDir };
        options.Scanning.SettleSeconds = 5;
        var o = Options.Create(options);
        var store = new DocumentStore(o);
        var events = new ScanEvents();
        var intake = new ScanIntake(factory, o, events);
        var learning = new ScanLearning(factory, NullLogger<ScanLearning>.Instance);
        var check = new ScanCheck(factory, o, new InboxEvents(), events, learning);
        // The reader's own log line says where a batch's time went (looking at pages, ocrmypdf, storing).
        using var logs = LoggerFactory.Create(b => b.AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Information));
        var reader = new ScanReader(factory, store, o, events, learning, check, logs.CreateLogger<ScanReader>());
        var work = Directory.CreateTempSubdirectory("scan-bench-");
        try
        {
            Console.WriteLine($"Scanstelle on {Environment.ProcessorCount} cores, ocrmypdf -j {Environment.ProcessorCount}, scans at 200 dpi grey");
            // Without separators the same pages go through both: the pipeline's own overhead. With them: splitting at work.
            await ThroughputAsync(work.FullName, pages, 0, intake, reader, factory);
            await ThroughputAsync(work.FullName, pages, 3, intake, reader, factory);
            await LatencyAsync(work.FullName, options, intake, reader, check, factory);
            await RoutingAsync(factory, letters);
            if (bigPages > 0) await MemoryAsync(work.FullName, bigPages, intake, reader);
        }
        finally { work.Delete(true); }
    }

    /// <summary>The same batch through ocrmypdf alone (the pipeline's own command) and through the whole pipeline.</summary>
    private static async Task ThroughputAsync(string work, int pages, int separatorsEvery, ScanIntake intake, ScanReader reader, IDbContextFactory<BackOfficeDb> factory)
    {
        // With separators: letters of three pages, each after a separator sheet; the pipeline finds them, splits and stores.
        var stack = await StackAsync(work, pages, separatorsEvery);
        // Alternately, twice each, and the faster of each counts: the machine's own noise is a few percent.
        TimeSpan ocrAlone = TimeSpan.MaxValue, pipeline = TimeSpan.MaxValue;
        ScanBatch? batch = null;
        for (var round = 0; round < 2; round++)
        {
            var clock = Stopwatch.StartNew();
            var ocr = await ExternalTool.RunAsync("env", ["OMP_THREAD_LIMIT=1", "ocrmypdf", "-l", "deu", "--rotate-pages", "--deskew", "--skip-text",
                "--output-type", "pdfa-2", "-j", Environment.ProcessorCount.ToString(), "-q", stack.Path, Path.Combine(work, "alone.pdf")], TimeSpan.FromHours(1));
            ocrAlone = Min(ocrAlone, clock.Elapsed);
            if (ocr.ExitCode is not (0 or 4)) throw new InvalidOperationException("ocrmypdf failed: " + ocr.Errors);

            var taken = await intake.TakeUploadAsync($"durchsatz-{round}.pdf", File.OpenRead(stack.Path), "benchmark");
            clock.Restart();
            await reader.ReadAsync(taken.Value!.Id);
            pipeline = Min(pipeline, clock.Elapsed);
            await using var db = await factory.CreateDbContextAsync();
            db.Scope = UnitScope.System;
            batch = await db.ScanBatches.Include(b => b.Documents).SingleAsync(b => b.Id == taken.Value.Id);
            if (batch.Step != ScanStep.ToCheck) throw new InvalidOperationException("The batch failed: " + batch.Error);
        }
        var all = stack.Pages;
        Console.WriteLine();
        Console.WriteLine($"Throughput: {all} pages ({stack.Separators} separator sheets), {batch!.Documents.Count} documents found; the faster of two runs each");
        Console.WriteLine($"  ocrmypdf alone      {ocrAlone.TotalSeconds,7:0.0} s  {all / ocrAlone.TotalMinutes,6:0.0} pages/min");
        Console.WriteLine($"  whole pipeline      {pipeline.TotalSeconds,7:0.0} s  {all / pipeline.TotalMinutes,6:0.0} pages/min");
        Console.WriteLine($"  overhead            {100 * (pipeline / ocrAlone - 1),7:0.0} %   (goal: under 10 %{(stack.Separators > 0 ? "; the pipeline leaves the separator sheets out of the OCR" : "")})");
    }

    /// <summary>A 3-page letter naming an open case, dropped into a scanner's folder, polled as the app polls.</summary>
    private static async Task LatencyAsync(string work, BackOfficeOptions options, ScanIntake intake, ScanReader reader, ScanCheck check,
        IDbContextFactory<BackOfficeDb> factory)
    {
        string reference;
        int unitId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Scope = UnitScope.System;
            var c = await db.Cases.Where(c => c.Status < CaseStatus.Entschieden).OrderBy(c => c.Id).Select(c => new { c.Reference, c.UnitId }).FirstAsync();
            (reference, unitId) = (c.Reference, c.UnitId);
        }
        var letter = await LetterScanAsync(work, "Nachreichung", reference, pages: 3);
        var folder = Path.Combine(options.ScanInboxPath, "scanner-bench");
        Directory.CreateDirectory(folder);
        var watcher = new ScanWatcher(intake, Options.Create(options), NullLogger<ScanWatcher>.Instance);
        // Clear what earlier runs left for the check, so that the letter is the next document.
        while ((await check.OverviewAsync()).Next is { } old) await check.RejectAsync(old.DocumentId, "benchmark");

        var clock = Stopwatch.StartNew();
        File.Copy(letter, Path.Combine(folder, "brief.pdf"));
        while (await watcher.PollAsync(DateTime.UtcNow) == 0) await Task.Delay(TimeSpan.FromSeconds(options.Scanning.PollSeconds));
        var taken = clock.Elapsed;
        while (await reader.ReadNextAsync()) { }
        var next = (await check.OverviewAsync()).Next ?? throw new InvalidOperationException("no proposal");
        var proposed = clock.Elapsed;
        if (next.CaseReference != reference) Console.WriteLine($"  (the proposal did not name {reference}: {next.Reason})");
        var enter = Stopwatch.StartNew();
        var done = await check.ConfirmAsync(next.DocumentId, new ScanCheck.Confirmation(next.UnitId ?? unitId, next.CaseId is not null, next.Subject, next.Sender, null,
            QualityChecked: true), "benchmark", null);
        if (!done.IsDone) throw new InvalidOperationException(done.Message);
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Scope = UnitScope.Of([unitId]);
            if (!await db.InboxItems.AnyAsync(i => i.Subject == next.Subject && i.Channel == Channel.Papier)) throw new InvalidOperationException("not in the Posteingang");
        }
        enter.Stop();
        Console.WriteLine();
        Console.WriteLine($"Latency of a 3-page letter with Aktenzeichen {reference} (settle time {options.Scanning.SettleSeconds:0} s, polling every {options.Scanning.PollSeconds:0} s):");
        Console.WriteLine($"  dropped → taken           {taken.TotalSeconds,6:0.0} s");
        Console.WriteLine($"  dropped → proposal shown  {proposed.TotalSeconds,6:0.0} s  (the page shows it on the reader's event)");
        Console.WriteLine($"  Enter → in the Posteingang {enter.Elapsed.TotalSeconds,5:0.00} s");
    }

    /// <summary>Generated letters of ten services: keyword rules first, then the classifier trained on other letters.</summary>
    private static async Task RoutingAsync(IDbContextFactory<BackOfficeDb> factory, int letters)
    {
        await using var db = await factory.CreateDbContextAsync();
        db.Scope = UnitScope.System;
        var services = await db.Services.AsNoTracking().Where(s => Corpus.Keys.Contains(s.Key)).Select(s => new { s.Id, s.Key, s.UnitId }).ToListAsync();
        var byKey = services.ToDictionary(s => s.Key);
        var rules = Corpus.Rules.Select((r, i) => new ScanRule { Id = i + 1, UnitId = byKey[r.Service].UnitId, ServiceId = byKey[r.Service].Id, Match = ScanRuleMatch.AnyWord, Text = r.Words })
            .ToList();
        var training = Corpus.Letters(seed: 1, count: 400).Select(l => new ScanLearning.Labelled(l.Text, byKey[l.Service].UnitId, byKey[l.Service].Id)).ToList();
        var clock = Stopwatch.StartNew();
        var classifier = ScanLearning.Fit(training) ?? throw new InvalidOperationException("no classifier");
        var trainedIn = clock.Elapsed;
        int right = 0, rightService = 0, wrong = 0, none = 0, byRule = 0;
        var wrongAbove = new Dictionary<int, int> { [80] = 0, [90] = 0, [95] = 0 };
        var rightAbove = new Dictionary<int, int> { [80] = 0, [90] = 0, [95] = 0 };
        foreach (var letter in Corpus.Letters(seed: 2, count: letters))
        {
            var target = byKey[letter.Service];
            var match = ScanRules.Best(rules, letter.Text);
            var (unit, service, confidence) = match is not null ? (match.Rule.UnitId, match.Rule.ServiceId, match.Confidence)
                : classifier.Guess(letter.Text) is { } g ? (g.UnitId, g.ServiceId, g.Confidence) : (0, (int?)null, 0);
            if (match is not null) byRule++;
            if (unit == 0) { none++; continue; }
            if (unit == target.UnitId) { right++; if (service == target.Id) rightService++; }
            else wrong++;
            foreach (var t in wrongAbove.Keys.ToList())
                if (confidence >= t) { if (unit == target.UnitId) rightAbove[t]++; else wrongAbove[t]++; }
        }
        Console.WriteLine();
        Console.WriteLine($"Routing of {letters} generated letters of {services.Count} services ({services.Select(s => s.UnitId).Distinct().Count()} units);");
        Console.WriteLine($"  classifier trained on 400 other letters in {trainedIn.TotalSeconds:0.0} s; {byRule} letters decided by a rule, the rest by the classifier");
        Console.WriteLine($"  right unit       {Share(right, letters),6}   (right service too: {Share(rightService, letters)})");
        Console.WriteLine($"  wrong unit       {Share(wrong, letters),6}");
        Console.WriteLine($"  no proposal      {Share(none, letters),6}");
        foreach (var t in wrongAbove.Keys)
            Console.WriteLine($"  threshold {t} %: routed without a check {Share(rightAbove[t] + wrongAbove[t], letters),6}, of all letters wrong with confidence above it {Share(wrongAbove[t], letters),6}");
    }

    /// <summary>The server's memory (this process: the reader runs in it) while a large batch is read.</summary>
    private static async Task MemoryAsync(string work, int pages, ScanIntake intake, ScanReader reader)
    {
        var stack = await StackAsync(work, pages, separatorsEvery: 0);
        var taken = await intake.TakeUploadAsync("gross.pdf", File.OpenRead(stack.Path), "benchmark");
        GC.Collect();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.WorkingSet64;
        long peak = before, peakHeap = GC.GetTotalMemory(false);
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                try { await Task.Delay(200, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        var clock = Stopwatch.StartNew();
        await reader.ReadAsync(taken.Value!.Id);
        clock.Stop();
        stop.Cancel();
        await sampler;
        Console.WriteLine();
        Console.WriteLine($"Memory while a {pages}-page batch ({new FileInfo(stack.Path).Length / 1024 / 1024} MB) is read ({clock.Elapsed.TotalMinutes:0.0} min, {pages / clock.Elapsed.TotalMinutes:0.0} pages/min):");
        Console.WriteLine($"  server working set  {before / 1024 / 1024,5} MB before, {peak / 1024 / 1024,5} MB at the peak (+{(peak - before) / 1024 / 1024} MB)");
        Console.WriteLine($"  managed heap peak   {peakHeap / 1024 / 1024,5} MB");
    }

    private sealed record Stack(string Path, int Pages, int Separators);

    /// <summary>A stack of scanned letters (every page a different letter's page), with a separator sheet before every n-th page.</summary>
    private static async Task<Stack> StackAsync(string work, int pages, int separatorsEvery)
    {
        var dir = Directory.CreateDirectory(Path.Combine(work, $"stack-{pages}-{Guid.NewGuid():N}"));
        var separator = Path.Combine(dir.FullName, "separator.pdf");
        await File.WriteAllBytesAsync(separator, ScanSeparatorSheets.Pdf([new(ScanSeparators.Code(), "ohne Ziel")]));
        await Run("pdftoppm", "-r", "200", "-gray", "-png", "-singlefile", separator, Path.Combine(dir.FullName, "separator"));
        // Eight different letter pages are drawn once and repeated: drawing is not what is measured.
        var drawn = new List<string>();
        for (var i = 0; i < Math.Min(8, pages); i++)
        {
            var pdf = Path.Combine(dir.FullName, $"letter-{i}.pdf");
            await File.WriteAllBytesAsync(pdf, SimplePdf.Create("Brief", Corpus.Letters(seed: 10 + i, count: 1).Single().Text.Split('\n')));
            await Run("pdftoppm", "-r", "200", "-gray", "-png", "-singlefile", pdf, Path.Combine(dir.FullName, $"letter-{i}"));
            drawn.Add(Path.Combine(dir.FullName, $"letter-{i}.png"));
        }
        var images = new List<string>();
        var separators = 0;
        for (var p = 0; p < pages; p++)
        {
            if (separatorsEvery > 0 && p % separatorsEvery == 0) { images.Add(Path.Combine(dir.FullName, "separator.png")); separators++; }
            images.Add(drawn[p % drawn.Count]);
        }
        var stack = Path.Combine(dir.FullName, "stack.pdf");
        await Run("img2pdf", ["-o", stack, .. images]);
        return new Stack(stack, images.Count, separators);
    }

    private static async Task<string> LetterScanAsync(string work, string subject, string reference, int pages)
    {
        var dir = Directory.CreateDirectory(Path.Combine(work, $"letter-{Guid.NewGuid():N}"));
        var images = new List<string>();
        for (var p = 1; p <= pages; p++)
        {
            var pdf = Path.Combine(dir.FullName, $"{p}.pdf");
            string[] lines = p == 1
                ? ["Karl Kaiser, Lindenstraße 4, 55765 Birkenfeld", "", "Landkreis Birkenfeld", "", $"Betreff: {subject}", $"Ihr Zeichen: {reference}", "",
                    "Sehr geehrte Damen und Herren,", "anbei die Unterlagen, die Sie angefordert haben."]
                : [$"Anlage {p - 1} zum Schreiben vom heutigen Tag", "Arztbericht und Bescheinigungen", $"Seite {p} von {pages}"];
            await File.WriteAllBytesAsync(pdf, SimplePdf.Create("Brief", lines));
            await Run("pdftoppm", "-r", "200", "-gray", "-png", "-singlefile", pdf, Path.Combine(dir.FullName, $"{p}"));
            images.Add(Path.Combine(dir.FullName, $"{p}.png"));
        }
        var scan = Path.Combine(dir.FullName, "scan.pdf");
        await Run("img2pdf", ["-o", scan, .. images]);
        return scan;
    }

    private static async Task Run(string tool, params string[] args)
    {
        var result = await ExternalTool.RunAsync(tool, args, TimeSpan.FromMinutes(10));
        if (!result.Succeeded) throw new InvalidOperationException($"{tool}: {result.Errors}");
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Share(int n, int of) => of == 0 ? "–" : $"{100.0 * n / of:0.0} %";
}

/// <summary>
/// Generated German letters for ten services of the demo county: each names a few of its service's words among
/// common ones; some name only one, and some mention another service's word in passing, as real letters do.
/// </summary>
static class Corpus
{
    public sealed record Letter(string Service, string Text);

    private static readonly (string Service, string[] Words)[] Vocabulary =
    [
        ("99107001003000", ["Frühförderung", "Frühförderstelle", "Entwicklungsverzögerung", "Kinderarzt", "Förderplan", "Heilpädagogik", "Sprachentwicklung"]),
        ("99107001004000", ["Schulbegleitung", "Integrationshelfer", "Schule", "Klassenlehrerin", "Unterricht", "Förderschule", "Inklusion"]),
        ("99107002001000", ["Kindertagespflege", "Tagesmutter", "Betreuungszeit", "Betreuungsvertrag", "Eingewöhnung", "Betreuungsplatz", "Tagesvater"]),
        ("99107003001000", ["Pflegedienst", "ambulant", "Pflegegrad", "Pflegekasse", "Hauspflege", "Pflegebedarf", "Grundpflege"]),
        ("99107003003000", ["Blindenhilfe", "erblindet", "Sehbehinderung", "Augenarzt", "Blindengeld", "Sehvermögen", "Merkzeichen"]),
        ("99108001001000", ["Erziehung", "Erziehungsbeistand", "Familienhilfe", "Jugendamt", "Hilfeplan", "Erziehungsberatung", "Wohngruppe"]),
        ("99108002001000", ["Unterhaltsvorschuss", "Unterhalt", "alleinerziehend", "Kindsvater", "Unterhaltszahlung", "Vaterschaft", "Geburtsurkunde"]),
        ("99036001001000", ["Neuzulassung", "Fahrzeug", "Zulassungsbescheinigung", "Kennzeichen", "Fahrzeugbrief", "Versicherungsbestätigung", "Hauptuntersuchung"]),
        ("99036001003000", ["Außerbetriebsetzung", "abmelden", "Abmeldung", "Kennzeichenschilder", "Verschrottung", "Verwertungsnachweis", "stilllegen"]),
        ("99035001002000", ["Einspruch", "Bußgeldbescheid", "Geschwindigkeit", "Messung", "Fahrerlaubnis", "Verwarnungsgeld", "Ordnungswidrigkeit"]),
    ];

    public static IEnumerable<string> Keys => Vocabulary.Select(v => v.Service);

    /// <summary>One rule per service with its two most telling words, as an administration would start.</summary>
    public static IEnumerable<(string Service, string Words)> Rules => Vocabulary.Select(v => (v.Service, $"{v.Words[0]} {v.Words[1]}"));

    private static readonly string[] Names = ["Karl Kaiser", "Ayşe Özdemir", "Łukasz Nowak", "Maria Schmidt", "Jürgen Weiß", "Nguyễn Văn An", "Elena Popescu", "Hans Becker"];
    private static readonly string[] Streets = ["Lindenstraße 4", "Hauptstraße 12", "Am Markt 3", "Schulweg 7", "Bahnhofstraße 21"];
    private static readonly string[] Places = ["55765 Birkenfeld", "55743 Idar-Oberstein", "55768 Hoppstädten-Weiersbach", "55758 Herrstein"];
    private static readonly string[] Filler =
    [
        "ich wende mich heute an Sie mit einer Bitte.", "Bitte teilen Sie mir mit, welche Unterlagen noch fehlen.", "Für Rückfragen erreichen Sie mich tagsüber telefonisch.",
        "Ich bedanke mich im Voraus für Ihre Mühe.", "Die Unterlagen reiche ich gern nach, wenn etwas fehlt.", "Ich bitte um eine kurze Bestätigung des Eingangs.",
        "Leider konnte ich Sie telefonisch nicht erreichen.", "Anbei sende ich Ihnen die Kopien.",
    ];

    public static IEnumerable<Letter> Letters(int seed, int count)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var (service, words) = Vocabulary[random.Next(Vocabulary.Length)];
            // Most letters name two or three of their words; one in six names just one, and one in ten another service's word too.
            var own = words.OrderBy(_ => random.Next()).Take(random.Next(6) == 0 ? 1 : 2 + random.Next(2)).ToList();
            if (random.Next(10) == 0) own.Add(Vocabulary[random.Next(Vocabulary.Length)].Words[2 + random.Next(5)]);
            var name = Names[random.Next(Names.Length)];
            var lines = new List<string>
            {
                $"{name}, {Streets[random.Next(Streets.Length)]}, {Places[random.Next(Places.Length)]}", "", "Landkreis Birkenfeld", "",
                $"Betreff: {own[0]}", "", "Sehr geehrte Damen und Herren,", Filler[random.Next(Filler.Length)],
                $"es geht um {string.Join(" und ", own)}.", Filler[random.Next(Filler.Length)], "", "Mit freundlichen Grüßen", name,
            };
            yield return new Letter(service, string.Join('\n', lines));
        }
    }
}

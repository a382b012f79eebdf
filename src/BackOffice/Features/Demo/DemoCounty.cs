using BackOffice.Features.Documents;
using System.Data.Common;
using System.Diagnostics;
using BackOffice.Data;
using BackOffice.Features.Files;
using BackOffice.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace BackOffice.Features.Demo;

/// <summary>
/// The demo county "Landkreis Lindenau": units, municipalities, services, a file plan, the demo
/// users and two years of case history. Deterministic: the same anchor date and scale give the
/// same data. Only runs when BackOffice:SeedDemoData is on and the database holds no units.
/// </summary>
public sealed class DemoCounty(IDbContextFactory<BackOfficeDb> factory, DocumentStore store,
    IOptions<BackOfficeOptions> options, ILogger<DemoCounty> log)
{
    public const string Password = "BackOffice-Demo-2026!";
    public const string DemoPortalName = "demo-portal";
    public const string DemoPortalKey = "demo-portal-key-2026";
    private const int Seed = 2026;
    private const int HistoryDays = 730;

    // ---- Reference data --------------------------------------------------------------------

    private sealed record UnitDef(string Key, string Name, UnitLevel Level, string? Parent);

    private static readonly UnitDef[] Units =
    [
        new("KR", "Landkreis Lindenau", UnitLevel.Kreis, null),
        new("10", "Fachbereich Zentrale Dienste", UnitLevel.Fachbereich, "KR"),
        new("10.1", "Poststelle", UnitLevel.Fachdienst, "10"),
        new("10.1.1", "Scanstelle", UnitLevel.Team, "10.1"),
        new("32", "Fachbereich Ordnung", UnitLevel.Fachbereich, "KR"),
        new("32.1", "Kfz-Zulassung", UnitLevel.Fachdienst, "32"),
        new("32.2", "Bußgeldstelle", UnitLevel.Fachdienst, "32"),
        new("50", "Fachbereich Soziales", UnitLevel.Fachbereich, "KR"),
        new("50.1", "Eingliederungshilfe", UnitLevel.Fachdienst, "50"),
        new("50.2", "Kindertagespflege", UnitLevel.Fachdienst, "50"),
        new("50.3", "Hilfe zur Pflege", UnitLevel.Fachdienst, "50"),
        new("51", "Fachbereich Jugend", UnitLevel.Fachbereich, "KR"),
        new("51.1", "Hilfen zur Erziehung", UnitLevel.Fachdienst, "51"),
        new("51.2", "Unterhaltsvorschuss und Beistandschaften", UnitLevel.Fachdienst, "51"),
    ];

    private static readonly (string Key, string Name)[] Municipalities =
    [
        ("01099001", "Lindenau, Stadt"), ("01099002", "Bad Erlenbach"), ("01099003", "Birkenfelde"),
        ("01099004", "Eichstetten"), ("01099005", "Fichtenhain"), ("01099006", "Grünwalde"),
        ("01099007", "Hasselbrook"), ("01099008", "Kirchdorf"), ("01099009", "Lindhorst"),
        ("01099010", "Moorbek"), ("01099011", "Neuenkirchen"), ("01099012", "Ostermoor"),
        ("01099013", "Rosengarten"), ("01099014", "Sandhagen"), ("01099015", "Weidenau"),
    ];
    // Relative population, so that the town gets more cases than the villages.
    private static readonly double[] MunicipalityWeights = [9, 4, 2, 2, 1.5, 2, 1, 1.5, 2, 1, 3, 1, 2, 1, 2.5];

    private sealed record PlanDef(string Code, string Title, string? Parent, int Years, string Trigger);

    private static readonly PlanDef[] FilePlan =
    [
        new("10", "Zentrale Dienste", null, 10, "Abschluss"),
        new("10.1", "Posteingang und Scannen", "10", 1, "Abschluss"),
        new("32", "Ordnungsangelegenheiten", null, 10, "Abschluss"),
        new("32.1", "Fahrzeugzulassung", "32", 3, "Abschluss"),
        new("32.2", "Ordnungswidrigkeitenverfahren", "32", 5, "Abschluss"),
        new("50", "Soziales", null, 10, "Abschluss"),
        new("50.1", "Eingliederungshilfe", "50", 10, "Abschluss"),
        new("50.2", "Kindertagespflege", "50", 10, "Abschluss"),
        new("50.3", "Hilfe zur Pflege", "50", 10, "Abschluss"),
        new("51", "Kinder- und Jugendhilfe", null, 10, "Abschluss"),
        new("51.1", "Hilfen zur Erziehung", "51", 10, "Volljährigkeit des jüngsten Kindes"),
        new("51.2", "Unterhaltsvorschuss und Beistandschaften", "51", 6, "Abschluss"),
    ];

    private enum Season { Flat, Kita, Kfz, Winter, Summer }

    /// <param name="Rate">Mean arrivals on a Wednesday at scale 1.</param>
    /// <param name="Online">Online share at the start of the history; it grows by half over two years.</param>
    private sealed record ServiceDef(string Key, string Name, string Unit, string Legal, int? Jurisdiction, int Decision,
        double Rate, Season Season, double Online);

    private static readonly ServiceDef[] Services =
    [
        new("99107001001000", "Eingliederungshilfe für Minderjährige", "50.1", "SGB IX §§ 90 ff., § 14", 14, 21, 3.2, Season.Flat, 0.25),
        new("99107001002000", "Eingliederungshilfe für Erwachsene", "50.1", "SGB IX §§ 90 ff., § 14", 14, 21, 2.4, Season.Flat, 0.20),
        new("99107001003000", "Frühförderung", "50.1", "SGB IX § 46", 14, 21, 1.4, Season.Flat, 0.25),
        new("99107001004000", "Teilhabe an Bildung (Schulbegleitung)", "50.1", "SGB IX § 112", 14, 21, 1.2, Season.Summer, 0.30),
        new("99107002001000", "Förderung in Kindertagespflege", "50.2", "SGB VIII § 23", null, 60, 2.6, Season.Kita, 0.35),
        new("99107002002000", "Pflegeerlaubnis für Kindertagespflegepersonen", "50.2", "SGB VIII § 43", null, 90, 0.5, Season.Flat, 0.20),
        new("99107002003000", "Erlass des Kostenbeitrags Kindertagespflege", "50.2", "SGB VIII § 90", null, 60, 1.0, Season.Kita, 0.35),
        new("99107003001000", "Hilfe zur Pflege (ambulant)", "50.3", "SGB XII § 61 ff.", null, 30, 1.8, Season.Winter, 0.10),
        new("99107003002000", "Hilfe zur Pflege (stationär)", "50.3", "SGB XII § 65", null, 30, 1.5, Season.Winter, 0.08),
        new("99107003003000", "Blindenhilfe", "50.3", "SGB XII § 72", null, 30, 0.3, Season.Flat, 0.10),
        new("99107003004000", "Pflegewohngeld", "50.3", "Landespflegegesetz", null, 30, 0.8, Season.Winter, 0.10),
        new("99108001001000", "Hilfe zur Erziehung", "51.1", "SGB VIII § 27", null, 30, 1.5, Season.Flat, 0.10),
        new("99108001002000", "Eingliederungshilfe für seelisch behinderte Kinder", "51.1", "SGB VIII § 35a, SGB IX § 14", 14, 21, 1.0, Season.Flat, 0.15),
        new("99108002001000", "Unterhaltsvorschuss", "51.2", "UVG § 1", null, 30, 2.2, Season.Flat, 0.30),
        new("99108002002000", "Beistandschaft", "51.2", "BGB § 1712", null, 14, 0.6, Season.Flat, 0.15),
        new("99036001001000", "Neuzulassung eines Fahrzeugs", "32.1", "FZV § 6", null, 3, 6.0, Season.Kfz, 0.25),
        new("99036001002000", "Umschreibung eines Fahrzeugs", "32.1", "FZV § 13", null, 3, 4.5, Season.Kfz, 0.20),
        new("99036001003000", "Außerbetriebsetzung eines Fahrzeugs", "32.1", "FZV § 14", null, 3, 3.0, Season.Kfz, 0.45),
        new("99036001004000", "Reservierung eines Wunschkennzeichens", "32.1", "FZV § 8", null, 2, 2.0, Season.Kfz, 0.60),
        new("99035001001000", "Anhörung im Bußgeldverfahren", "32.2", "OWiG § 55", null, 14, 3.0, Season.Summer, 0.30),
        new("99035001002000", "Einspruch gegen einen Bußgeldbescheid", "32.2", "OWiG § 67", null, 14, 1.2, Season.Summer, 0.20),
        new("99035001003000", "Ratenzahlung einer Geldbuße", "32.2", "OWiG § 93", null, 14, 0.6, Season.Flat, 0.40),
    ];

    private sealed record UserDef(string Name, string DisplayName, string Role, string[] Units);

    /// <summary>The demo users; README lists them. All share <see cref="Password"/>.</summary>
    private static readonly UserDef[] Users =
    [
        new("admin", "Tobias Krüger", Roles.Admin, []), // the administration works for no unit: it reads no case data
        new("clerk", "Anna Becker", Roles.Clerk, ["50.1"]),
        new("clerk2", "Jonas Wagner", Roles.Clerk, ["50.2"]),
        new("clerk3", "Lena Fischer", Roles.Clerk, ["50.1"]), // Anna Becker's colleague: her Vertretung
        new("head", "Dr. Petra Hoffmann", Roles.Head, ["50"]),
        new("head2", "Stefan Richter", Roles.Head, ["51"]), // another Fachbereich: sees none of Soziales' cases
        new("controller", "Markus Schneider", Roles.Controlling, ["KR"]),
        new("mailroom", "Sabine Koch", Roles.MailRoom, ["10.1", "10.1.1"]),
    ];

    private static readonly string[] Streets = ["Lindenweg", "Hauptstraße", "Am Mühlbach", "Schulstraße", "Kirchplatz", "Gartenstraße", "Birkenallee", "Feldweg"];

    private static readonly string[] ResubmitNotes =
        ["Stellungnahme der Gemeinde abwarten", "Nachgereichte Unterlagen prüfen", "Rückruf der Antragstellerin", "Frist für Nachforderung läuft ab", "Gutachten anfordern"];

    private static readonly string[] FirstNames =
    [
        "Anna", "Ben", "Clara", "David", "Emma", "Felix", "Greta", "Hannah", "Ida", "Jonas", "Karl", "Lena", "Leon", "Lina",
        "Luca", "Marie", "Max", "Mia", "Noah", "Olga", "Paul", "Emil", "Sophie", "Tim", "Ursula", "Valentin", "Wilhelm",
        "Yusuf", "Zeynep", "Elif", "Mehmet", "Katarzyna", "Piotr", "Helga", "Jürgen", "Monika", "Sabine", "Thomas", "Uwe", "Petra",
    ];

    private static readonly string[] LastNames =
    [
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer",
        "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger",
        "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier", "Lehmann", "Schmid", "Schulze",
        "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs", "Peters", "Lang", "Scholz",
        "Möller", "Weiß", "Jung", "Hahn", "Schubert", "Vogel", "Friedrich", "Keller", "Günther", "Frank", "Berger", "Yılmaz",
        "Kaya", "Nowak", "Kowalski",
    ];

    // ---- Seeding ----------------------------------------------------------------------------

    public async Task SeedIfEmptyAsync(CancellationToken ct = default)
    {
        await using (var check = await factory.CreateDbContextAsync(ct))
            if (await check.OrgUnits.AnyAsync(ct)) return;
        var o = options.Value;
        await SeedAsync(o.DemoAnchorDate ?? DateOnly.FromDateTime(DateTime.UtcNow), o.DemoScale, withDocuments: true, ct);
        if (o.Scanning.DemoScans)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            db.Scope = UnitScope.System;
            await DemoScans.WriteAsync(db, o, ct);
        }
    }

    /// <summary>An official form as a state prescribes it (scripts/make-demo-form.py), assigned to "Eingänge je Gemeinde".</summary>
    private static OfficialForm OzgForm()
    {
        using var resource = typeof(DemoCounty).Assembly.GetManifestResourceStream("OZG-Meldung.xlsx")!;
        using var content = new MemoryStream();
        resource.CopyTo(content);
        return new OfficialForm
        {
            ReportId = "eingaenge-je-gemeinde", Title = "OZG-Meldung an das Land (Vordruck OZG-3)", FileName = "OZG-Meldung.xlsx",
            Content = content.ToArray(), UploadedBy = "controller", UploadedAt = DateTime.UtcNow,
            Cells =
            [
                new() { Name = "Zeitraum", Source = "parameter:zeitraum" }, new() { Name = "Einheiten", Source = "parameter:einheiten" },
                new() { Name = "Stand", Source = "parameter:erstellt" }, new() { Name = "Gemeinden", Source = "tabelle" },
                new() { Name = "Kontrollsumme", Source = "summe:Eingaenge" }, new() { Name = "Kreisstadt_online", Source = "wert:Online:Lindenau, Stadt" },
            ],
        };
    }

    /// <summary>Seeds an empty database. Public for the benchmark, which seeds a million cases without documents.</summary>
    public async Task<SeedCounts> SeedAsync(DateOnly anchor, double scale, bool withDocuments, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Scope = UnitScope.System;
        db.SuppressChangeAudit = true; // one summary event below instead of one per demo row
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var units = new Dictionary<string, OrgUnit>();
        foreach (var u in Units)
        {
            var unit = new OrgUnit { Key = u.Key, Name = u.Name, Level = u.Level, Parent = u.Parent is null ? null : units[u.Parent] };
            units[u.Key] = unit;
            db.OrgUnits.Add(unit);
        }
        var municipalities = Municipalities.Select(m => new Municipality { Key = m.Key, Name = m.Name }).ToList();
        db.Municipalities.AddRange(municipalities);
        var plan = new Dictionary<string, FilePlanEntry>();
        foreach (var p in FilePlan)
        {
            var entry = new FilePlanEntry { Code = p.Code, Title = p.Title, Parent = p.Parent is null ? null : plan[p.Parent], RetentionYears = p.Years, RetentionTrigger = p.Trigger,
                ResponsibleUnit = units.GetValueOrDefault(p.Code) }; // the demo's plan codes are its units' keys
            plan[p.Code] = entry;
            db.FilePlanEntries.Add(entry);
        }
        var services = Services.Select(s => new Service
        {
            Key = s.Key, Name = s.Name, Unit = units[s.Unit], LegalBasis = s.Legal, FilePlanEntry = plan[s.Unit],
            JurisdictionDeadlineDays = s.Jurisdiction, DecisionDeadlineDays = s.Decision,
        }).ToList();
        db.Services.AddRange(services);
        // Schulbegleitung's Bescheide go only after a Schlusszeichnung, and carry the service's own Rechtsbehelfsbelehrung.
        var schoolAid = services.Single(s => s.Key == "99107001004000");
        schoolAid.RequiresCoSignature = true;
        schoolAid.RemedyNotice = "Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden. Der Widerspruch ist " +
            "schriftlich oder zur Niederschrift beim {Behörde}, Fachdienst Eingliederungshilfe, {Anschrift}, einzulegen. Die Schulbegleitung wird bis zur " +
            "Entscheidung über den Widerspruch weiter geleistet, wenn sie bisher bewilligt war.";
        var hasher = new PasswordHasher<AppUser>();
        var users = new Dictionary<string, AppUser>();
        foreach (var u in Users)
        {
            var user = new AppUser
            {
                UserName = u.Name, NormalizedUserName = u.Name.ToUpperInvariant(), DisplayName = u.DisplayName, Role = u.Role,
                Email = $"{u.Name}@lindenau.example", NormalizedEmail = $"{u.Name}@lindenau.example".ToUpperInvariant(),
                EmailConfirmed = true, LockoutEnabled = true, SecurityStamp = Guid.NewGuid().ToString("N"),
            };
            user.PasswordHash = hasher.HashPassword(user, Password);
            user.Units = u.Units.Select(k => new UserUnit { UserId = user.Id, OrgUnit = units[k] }).ToList();
            user.CoSigns = u.Name == "clerk3"; // Lena Fischer signs off her unit's Bescheide beside the head
            users[u.Name] = user;
            db.Users.Add(user);
        }
        db.OfficialForms.Add(OzgForm());
        // The demo portal (demo county only): its well-known key is in the README.
        db.PortalClients.Add(Intake.PortalKeys.NewClient(DemoPortalName, [], DemoPortalKey).Client);
        await db.SaveChangesAsync(ct);
        var demoPortal = await db.PortalClients.SingleAsync(c => c.Name == DemoPortalName, ct);
        db.PortalClientUnits.AddRange(units.Values.Select(u => new PortalClientUnit { PortalClientId = demoPortal.Id, OrgUnitId = u.Id }));
        await db.SaveChangesAsync(ct);

        var history = new History(anchor, scale, withDocuments, units, plan, services, municipalities, users);
        var counts = await history.WriteAsync(db, store, ct);
        var old = await SeedFilesDueForDeletionAsync(db, units, plan, anchor, withDocuments, ct);
        counts = counts with { Cases = counts.Cases + old, Files = counts.Files + old, Documents = counts.Documents + (withDocuments ? old : 0), StatusChanges = counts.StatusChanges + 2 * old };

        db.SuppressChangeAudit = false;
        db.LogEvent("seeded", "DemoCounty", "Landkreis Lindenau", details:
            $"{{\"anchor\":\"{anchor:yyyy-MM-dd}\",\"cases\":{counts.Cases},\"inboxItems\":{counts.InboxItems},\"documents\":{counts.Documents}}}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        log.LogInformation("Demo county seeded in {Seconds:0.0} s: {Cases} cases, {Files} files, {Inbox} inbox items, {Docs} documents",
            clock.Elapsed.TotalSeconds, counts.Cases, counts.Files, counts.InboxItems, counts.Documents);
        return counts;
    }

    public sealed record SeedCounts(int Cases, int Files, int InboxItems, int Documents, int StatusChanges);

    /// <summary>A few files closed long ago, whose retention has run out: what the Aussonderung page shows.</summary>
    private async Task<int> SeedFilesDueForDeletionAsync(BackOfficeDb db, Dictionary<string, OrgUnit> units, Dictionary<string, FilePlanEntry> plan, DateOnly anchor,
        bool withDocuments, CancellationToken ct)
    {
        string[] applicants = ["Hartmann, Gerd", "Wolff, Ingrid", "Krause, Dieter", "Lorenz, Helga"];
        for (var i = 0; i < applicants.Length; i++)
        {
            var code = i % 2 == 0 ? "50.1" : "50.2";
            var closed = new DateTime(anchor.Year - 12, 3 + i, 10, 9, 0, 0, DateTimeKind.Utc);
            var received = closed.AddMonths(-4);
            // The next numbers of their file plan entry, as every file gets them: a number set apart (9000x) made new files
            // jump after it, and collided with the history's own numbers at benchmark scale.
            var planId = plan[code].Id;
            var sequence = (await db.CaseFiles.IgnoreQueryFilters().Where(f => f.FilePlanEntryId == planId).MaxAsync(f => (int?)f.Sequence, ct) ?? 0) + 1;
            var reference = FileNumbers.Reference(code, sequence);
            var file = new CaseFile
            {
                Reference = reference, FilePlanEntryId = planId, Sequence = sequence, UnitId = units[code].Id, Title = $"{applicants[i]} – Altakte",
                ApplicantName = applicants[i], CreatedAt = received, ClosedAt = closed, RetainUntil = Retention.RetainUntil(closed, plan[code].RetentionYears),
            };
            var @case = NewCases.Create(new(file, 1, file.UnitId, $"Antrag {applicants[i]}", applicants[i], Channel.Papier, received, null, null), received);
            (@case.Status, @case.StatusChangedAt, @case.ClosedAt) = (CaseStatus.Abgeschlossen, closed, closed);
            @case.StatusChanges.Add(new CaseStatusChange { Status = CaseStatus.Abgeschlossen, ChangedAt = closed });
            @case.Decided(closed.AddDays(-10));
            if (withDocuments)
            {
                string[] lines = [$"Aktenzeichen: {reference}/1", $"Antragsteller: {applicants[i]}", "Altakte aus der Zeit vor der E-Akte."];
                var pdf = SimplePdf.Create("Antrag (Altakte)", lines);
                @case.Documents.Add(new Document
                {
                    UnitId = file.UnitId, Title = "Antrag (Altakte)", Type = DocumentType.Antrag, CreatedAt = received, Text = string.Join('\n', lines),
                    Versions = [new DocumentVersion { Number = 1, Sha256 = await store.PutAsync(pdf, ct), Size = pdf.Length, MimeType = "application/pdf", FileName = $"Antrag_{reference}.pdf", CreatedAt = received }],
                });
            }
            db.Cases.Add(@case);
            await db.SaveChangesAsync(ct);
        }
        db.ChangeTracker.Clear();
        return applicants.Length;
    }

    /// <summary>
    /// Generates the case history day by day and writes it through the model, a few thousand rows per SaveChanges with the
    /// change tracker cleared after each (tracking a million rows at once would take minutes and gigabytes).
    /// </summary>
    private sealed class History(DateOnly anchor, double scale, bool withDocuments, Dictionary<string, OrgUnit> units,
        Dictionary<string, FilePlanEntry> plan, List<Service> services, List<Municipality> municipalities, Dictionary<string, AppUser> users)
    {
        private readonly Random _random = new(Seed);
        private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        private const int RowsPerSave = 5000;
        private BackOfficeDb _db = default!;
        private int _pending;

        public async Task<SeedCounts> WriteAsync(BackOfficeDb db, DocumentStore store, CancellationToken ct)
        {
            _db = db;
            db.ChangeTracker.AutoDetectChangesEnabled = false; // only new rows: nothing to detect
            var mailRoom = units["10.1"]; // registers and scans paper post
            // History ends at the anchor day, or now when the anchor is today: an anchor in the past gives the same data on every run.
            var now = new[] { DateTime.UtcNow, anchor.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) }.Min();
            var first = anchor.AddDays(-HistoryDays);
            var totalWeight = MunicipalityWeights.Sum();
            var fileSequences = new Dictionary<string, int>();
            var recentFiles = units.Values.ToDictionary(u => u.Id, _ => new List<(int Id, string Reference, string Applicant, int Cases)>());
            var inboxSequences = new Dictionary<int, int>();
            int caseId = 0, fileId = 0, documentId = 0, changes = 0, inbox = 0;

            for (var day = first; day <= anchor; day = day.AddDays(1))
            {
                var progress = (day.DayNumber - first.DayNumber) / (double)HistoryDays;
                for (var s = 0; s < services.Count; s++)
                {
                    var def = Services[s];
                    var arrivals = Poisson(def.Rate * scale * Weekday(day.DayOfWeek) * Seasonal(def.Season, day.Month));
                    for (var n = 0; n < arrivals; n++)
                    {
                        var receivedAt = LocalToUtc(day, 7 + _random.NextDouble() * 10);
                        if (receivedAt > now) continue;
                        var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
                        var online = weekend || _random.NextDouble() < def.Online * (1 + 0.5 * progress) + 0.1 * progress;
                        var channel = online ? Channel.Portal : Pick(0.75) ? Channel.Papier : Pick(0.8) ? Channel.EMail : Channel.Upload;
                        var service = services[s];
                        var unitId = service.UnitId;
                        var municipality = municipalities[PickWeighted(MunicipalityWeights, totalWeight)];

                        // A returning applicant gets a new case in their existing file.
                        var files = recentFiles[unitId];
                        int fileRow; string fileReference, applicant; int caseNumber;
                        if (files.Count > 20 && Pick(0.15))
                        {
                            var i = files.Count - 1 - _random.Next(Math.Min(files.Count, 500));
                            var f = files[i];
                            files[i] = f with { Cases = f.Cases + 1 };
                            (fileRow, fileReference, applicant, caseNumber) = (f.Id, f.Reference, f.Applicant, f.Cases + 1);
                        }
                        else
                        {
                            applicant = $"{LastNames[_random.Next(LastNames.Length)]}, {FirstNames[_random.Next(FirstNames.Length)]}";
                            var code = def.Unit;
                            var sequence = fileSequences[code] = fileSequences.GetValueOrDefault(code) + 1;
                            fileRow = ++fileId;
                            fileReference = FileNumbers.Reference(code, sequence);
                            caseNumber = 1;
                            Add(new CaseFile { Id = fileRow, Reference = fileReference, FilePlanEntryId = plan[code].Id, Sequence = sequence, UnitId = unitId,
                                Title = $"{applicant} – {def.Name}", ApplicantName = applicant, CreatedAt = receivedAt,
                                // From the row number, not the random source: the rest of the demo stays as it was.
                                ApplicantBirthDate = new DateOnly(1940, 1, 1).AddDays(fileRow * 7919 % 23_000),
                                ApplicantAddress = $"{Streets[fileRow % Streets.Length]} {fileRow % 97 + 1}, {39_000 + municipality.Id * 7} {municipality.Name}" });
                            files.Add((fileRow, fileReference, applicant, 1));
                        }

                        // Processing: log-normal around half the legal deadline, so some run over it.
                        var deadline = def.Decision;
                        var processingDays = Math.Max(0.05, deadline * 0.55 * Math.Exp(0.55 * Gaussian()));
                        var decidedAt = receivedAt.AddDays(processingDays);
                        var startedAt = receivedAt.AddDays(Math.Max(0.04, processingDays * (0.05 + 0.2 * _random.NextDouble())));
                        // Every 25th § 14 SGB IX application waits for its jurisdiction longer than the law's two weeks: what
                        // the dashboard's deadline table is for. From the case number, not the random source, so the rest stays.
                        if (def.Jurisdiction is { } j && (caseId + 1) % 25 == 0)
                        {
                            startedAt = receivedAt.AddDays(j * (0.8 + 0.05 * ((caseId + 1) / 25 % 9)));
                            if (decidedAt <= startedAt) decidedAt = startedAt.AddDays(processingDays * 0.5);
                        }
                        var closedAt = decidedAt.AddDays(1 + _random.NextDouble() * 13);
                        var timeline = new List<(CaseStatus Status, DateTime At)> { (CaseStatus.Eingegangen, receivedAt), (CaseStatus.InBearbeitung, startedAt) };
                        if (Pick(0.22))
                        {
                            timeline.Add((CaseStatus.Nachforderung, startedAt + (decidedAt - startedAt) * 0.3));
                            timeline.Add((CaseStatus.InBearbeitung, startedAt + (decidedAt - startedAt) * 0.65));
                        }
                        timeline.Add((CaseStatus.Entschieden, decidedAt));
                        timeline.Add((CaseStatus.Abgeschlossen, closedAt));
                        var reached = timeline.Where(t => t.At <= now).ToList();
                        var (status, statusAt) = reached[^1];

                        var assignee = status == CaseStatus.Eingegangen ? null : AssigneeFor(def.Unit);
                        var id = ++caseId;
                        var reference = $"{fileReference}/{caseNumber}";
                        var @case = new Case
                        {
                            Id = id, Reference = reference, CaseFileId = fileRow, UnitId = unitId, ServiceId = service.Id, MunicipalityId = municipality.Id,
                            Subject = $"{def.Name}: {applicant}", ApplicantName = applicant, Channel = channel, Status = status, ReceivedAt = receivedAt,
                            StatusChangedAt = statusAt, DueAt = receivedAt.AddDays(deadline),
                            ClosedAt = closedAt <= now ? closedAt : null, AssigneeId = assignee,
                            StatusChanges = reached.Select(r => new CaseStatusChange { Status = r.Status, ChangedAt = r.At, UserId = r.Status == CaseStatus.Eingegangen ? null : assignee }).ToList(),
                        }.Decided(decidedAt <= now ? decidedAt : null);
                        changes += reached.Count;
                        // Some open cases wait on something: a Wiedervorlage a few days either side of today (the start page shows the due ones).
                        if (assignee is not null && status is CaseStatus.InBearbeitung or CaseStatus.Nachforderung && Pick(0.2))
                        {
                            @case.ResubmitAt = LocalDays.Start(DateOnly.FromDateTime(Labels.Local(now)).AddDays(_random.Next(-3, 11)));
                            @case.ResubmitNote = ResubmitNotes[_random.Next(ResubmitNotes.Length)];
                        }

                        var year = receivedAt.Year;
                        var number = inboxSequences[year] = inboxSequences.GetValueOrDefault(year) + 1;
                        Add(new InboxItem
                        {
                            Number = $"E-{year}-{number:D7}", Channel = channel, ReceivedAt = receivedAt, UnitId = unitId,
                            State = status == CaseStatus.Eingegangen ? InboxState.Neu : InboxState.Erledigt, Subject = def.Name, Sender = applicant,
                            CaseId = id, ServiceId = service.Id, RegisteredUnitId = channel == Channel.Papier ? mailRoom.Id : unitId,
                        });
                        inbox++;

                        if (withDocuments && Pick(0.08))
                        {
                            var docs = new List<(string Title, DateTime At)> { ($"Antrag {def.Name}", receivedAt) };
                            if (timeline.Count > 4 && timeline[2].At <= now) docs.Add(("Nachgereichte Unterlagen", timeline[3].At));
                            foreach (var (title, at) in docs)
                            {
                                string[] lines = [$"Aktenzeichen: {reference}", $"Antragsteller: {applicant}",
                                    $"Wohnort: {municipality.Name}", $"Eingang: {Labels.DateTime(at)} ({Labels.Of(channel)})", "", "Demodaten des Landkreises Lindenau."];
                                var pdf = SimplePdf.Create(title, lines);
                                var sha = await store.PutAsync(pdf, ct);
                                // The text is known here; the text reader would find the same in the PDF.
                                @case.Documents.Add(NewDocument(++documentId, unitId, title, at, lines, sha, pdf.Length));
                            }
                        }
                        Add(@case, 1 + @case.StatusChanges.Count + @case.Documents.Count * 2);
                        await SaveIfFullAsync(ct);
                    }
                }
            }

            // Paper post that arrived in the last two weeks and is not triaged yet.
            var targets = new[] { "50.1", "50.2", "50.3", "51.1", "51.2", "32.2" };
            var paperCount = (int)Math.Round(40 * Math.Min(scale, 25));
            for (var i = 0; i < paperCount; i++)
            {
                var day = anchor.AddDays(-_random.Next(14));
                var at = LocalToUtc(day, 8 + _random.NextDouble() * 8);
                if (at > now) at = now.AddMinutes(-_random.Next(1, 600));
                var sender = $"{LastNames[_random.Next(LastNames.Length)]}, {FirstNames[_random.Next(FirstNames.Length)]}";
                var unit = units[targets[_random.Next(targets.Length)]];
                var number = inboxSequences[at.Year] = inboxSequences.GetValueOrDefault(at.Year) + 1;
                var paper = Pick(0.8);
                var subject = Pick(0.5) ? "Schreiben zum laufenden Verfahren" : "Nachreichung von Unterlagen";
                var itemNumber = $"E-{at.Year}-{number:D7}";
                // Paper post was registered and scanned by the mail room, then forwarded: it has its scan, and the mail room's journal lists it.
                var item = new InboxItem
                {
                    Number = itemNumber, Channel = paper ? Channel.Papier : Channel.EMail, ReceivedAt = at, UnitId = unit.Id, State = InboxState.Neu,
                    Subject = subject, Sender = sender, RegisteredUnitId = paper ? mailRoom.Id : unit.Id,
                };
                if (withDocuments)
                {
                    var title = paper ? $"Scan {subject}" : subject;
                    string[] lines = [$"Absender: {sender}", $"Eingang: {Labels.DateTime(at)} ({(paper ? "Papier, gescannt in der Poststelle" : "E-Mail")})", "",
                        "Sehr geehrte Damen und Herren,", "anbei erhalten Sie meine Unterlagen.", "Mit freundlichen Grüßen", sender];
                    var pdf = SimplePdf.Create(title, lines);
                    var sha = await store.PutAsync(pdf, ct);
                    item.Documents.Add(NewDocument(++documentId, unit.Id, title, at, lines, sha, pdf.Length));
                }
                Add(item, 1 + item.Documents.Count * 2);
                inbox++;
            }
            await SaveAsync(ct);
            return new SeedCounts(caseId, fileId, inbox, documentId, changes);
        }

        private string? AssigneeFor(string unitKey) => unitKey switch
        {
            "50.1" when Pick(0.8) => users["clerk"].Id,
            "50.2" when Pick(0.8) => users["clerk2"].Id,
            _ => null,
        };

        private static double Weekday(DayOfWeek d) => d switch
        {
            DayOfWeek.Monday => 1.35, DayOfWeek.Tuesday => 1.1, DayOfWeek.Wednesday => 1.0, DayOfWeek.Thursday => 1.1,
            DayOfWeek.Friday => 0.75, DayOfWeek.Saturday => 0.08, _ => 0.05,
        };

        private static double Seasonal(Season s, int month) => s switch
        {
            Season.Kita => month switch { >= 3 and <= 7 => 1.5, 8 => 1.2, 12 => 0.6, _ => 0.8 },
            Season.Kfz => month switch { 3 or 4 => 1.4, 9 => 1.2, 12 or 1 => 0.7, _ => 1.0 },
            Season.Winter => month is 11 or 12 or 1 or 2 ? 1.25 : 0.9,
            Season.Summer => month is 6 or 7 or 8 ? 1.3 : 0.9,
            _ => 1.0,
        };

        private bool Pick(double p) => _random.NextDouble() < p;

        private int PickWeighted(double[] weights, double total)
        {
            var x = _random.NextDouble() * total;
            for (var i = 0; i < weights.Length; i++) if ((x -= weights[i]) < 0) return i;
            return weights.Length - 1;
        }

        private double Gaussian() =>
            Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

        private int Poisson(double lambda)
        {
            if (lambda > 30) return Math.Max(0, (int)Math.Round(lambda + Math.Sqrt(lambda) * Gaussian()));
            var limit = Math.Exp(-lambda);
            var k = 0;
            for (var p = _random.NextDouble(); p > limit; p *= _random.NextDouble()) k++;
            return k;
        }

        private static DateTime LocalToUtc(DateOnly day, double hour) =>
            TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue).AddHours(hour), Berlin);

        private void Add(object entity, int rows = 1)
        {
            _db.Add(entity);
            _pending += rows;
        }

        private async Task SaveIfFullAsync(CancellationToken ct)
        {
            if (_pending >= RowsPerSave) await SaveAsync(ct);
        }

        private async Task SaveAsync(CancellationToken ct)
        {
            await _db.SaveChangesAsync(ct);
            _db.ChangeTracker.Clear();
            _pending = 0;
        }

        private static Document NewDocument(int id, int unitId, string title, DateTime at, string[] lines, string sha, long size) => new()
        {
            Id = id, UnitId = unitId, Title = title, CreatedAt = at, Text = string.Join('\n', [title, .. lines]),
            Type = title.StartsWith("Antrag ") ? DocumentType.Antrag : title.StartsWith("Nachgereicht") ? DocumentType.Nachweis : DocumentType.Schreiben,
            Versions = [new DocumentVersion { Number = 1, Sha256 = sha, Size = size, MimeType = "application/pdf", FileName = $"{title}.pdf".Replace(' ', '_'), CreatedAt = at }],
        };
    }
}

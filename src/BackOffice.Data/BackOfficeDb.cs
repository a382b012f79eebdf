using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace BackOffice.Data;

/// <summary>
/// The one DbContext. Records owned by a unit are filtered by <see cref="Scope"/> in every query,
/// and every change is written to the hash-chained audit trail in the same transaction.
/// </summary>
public class BackOfficeDb(DbContextOptions<BackOfficeDb> options) : IdentityUserContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();
    public DbSet<UserUnit> UserUnits => Set<UserUnit>();
    public DbSet<Deputyship> Deputyships => Set<Deputyship>();
    public DbSet<EntraGroupMapping> EntraGroupMappings => Set<EntraGroupMapping>();
    public DbSet<Municipality> Municipalities => Set<Municipality>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<FilePlanEntry> FilePlanEntries => Set<FilePlanEntry>();
    public DbSet<CaseFile> CaseFiles => Set<CaseFile>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseStatusChange> CaseStatusChanges => Set<CaseStatusChange>();
    public DbSet<CaseNote> CaseNotes => Set<CaseNote>();
    public DbSet<DeletedFile> DeletedFiles => Set<DeletedFile>();
    public DbSet<LetterTemplate> LetterTemplates => Set<LetterTemplate>();
    public DbSet<Letterhead> Letterheads => Set<Letterhead>();
    public DbSet<Letter> Letters => Set<Letter>();
    public DbSet<LetterDraft> LetterDrafts => Set<LetterDraft>();
    public DbSet<Document> Documents => Set<Document>();
    public DbSet<DocumentVersion> DocumentVersions => Set<DocumentVersion>();
    public DbSet<InboxItem> InboxItems => Set<InboxItem>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<PortalClient> PortalClients => Set<PortalClient>();
    public DbSet<PortalClientUnit> PortalClientUnits => Set<PortalClientUnit>();
    public DbSet<Submission> Submissions => Set<Submission>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<SavedFilter> SavedFilters => Set<SavedFilter>();
    public DbSet<ReportSchedule> ReportSchedules => Set<ReportSchedule>();
    public DbSet<ReportResult> ReportResults => Set<ReportResult>();
    public DbSet<OfficialForm> OfficialForms => Set<OfficialForm>();
    public DbSet<WriterLock> WriterLocks => Set<WriterLock>();
    public DbSet<ScanBatch> ScanBatches => Set<ScanBatch>();
    public DbSet<ScanDocument> ScanDocuments => Set<ScanDocument>();
    public DbSet<ScanRule> ScanRules => Set<ScanRule>();
    public DbSet<ScanSetting> ScanSettings => Set<ScanSetting>();
    public DbSet<ScanModel> ScanModels => Set<ScanModel>();
    public DbSet<ScanQualityRate> ScanQualityRates => Set<ScanQualityRate>();
    public DbSet<Lease> Leases => Set<Lease>();
    /// <summary>The keys that protect sign-in cookies and forms, shared by every app instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    // Read by the query filters; EF turns them into parameters per query.
    private bool _scopeAll;
    private List<int> _scopeUnitIds = [];
    private UnitScope _scope = UnitScope.Nothing;

    public UnitScope Scope
    {
        get => _scope;
        set { _scope = value; _scopeAll = value.All; _scopeUnitIds = [.. value.UnitIds]; }
    }

    /// <summary>Who the audit trail names for changes made through this context.</summary>
    public string Actor { get; set; } = "system";

    /// <summary>Bulk system work (demo seed) writes one summary event instead of one per row.</summary>
    public bool SuppressChangeAudit { get; set; }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        // What differs between the engines: SQLite compares case-sensitively unless told NOCASE, and has partial indexes;
        // MariaDB's utf8mb4 German collation (the server's default) already ignores case and has no partial indexes.
        var sqlite = Database.IsSqlite();
        // German rules for every text column on MariaDB: case-insensitive, umlauts sorted as a German reader expects.
        if (!sqlite) b.HasCharSet("utf8mb4").UseCollation("utf8mb4_german2_ci");

        // Each entity group is configured beside its entities (AccessConfiguration.cs, FilesConfiguration.cs, ...).
        b.ApplyConfiguration(new OrgUnitConfiguration());
        b.ApplyConfiguration(new ReportScheduleConfiguration());
        b.ApplyConfiguration(new ReportResultConfiguration());
        b.ApplyConfiguration(new OfficialFormConfiguration());
        b.ApplyConfiguration(new OfficialFormCellConfiguration());
        b.ApplyConfiguration(new AppUserConfiguration());
        b.ApplyConfiguration(new EntraGroupMappingConfiguration());
        b.ApplyConfiguration(new UserUnitConfiguration());
        b.ApplyConfiguration(new DeputyshipConfiguration());
        b.ApplyConfiguration(new MunicipalityConfiguration());
        b.ApplyConfiguration(new ServiceConfiguration());
        b.ApplyConfiguration(new FilePlanEntryConfiguration());
        b.ApplyConfiguration(new CaseFileConfiguration());
        b.ApplyConfiguration(new CaseConfiguration(sqlite));
        b.ApplyConfiguration(new CaseStatusChangeConfiguration());
        b.ApplyConfiguration(new CaseNoteConfiguration());
        b.ApplyConfiguration(new DeletedFileConfiguration());
        b.ApplyConfiguration(new LetterTemplateConfiguration());
        b.ApplyConfiguration(new LetterheadConfiguration());
        b.ApplyConfiguration(new LetterConfiguration());
        b.ApplyConfiguration(new LetterDraftConfiguration());
        b.ApplyConfiguration(new DocumentConfiguration(sqlite));
        b.ApplyConfiguration(new DocumentVersionConfiguration());
        b.ApplyConfiguration(new SavedFilterConfiguration());
        b.ApplyConfiguration(new InboxItemConfiguration(sqlite));
        b.ApplyConfiguration(new AuditEventConfiguration());
        b.ApplyConfiguration(new WriterLockConfiguration());
        b.ApplyConfiguration(new PortalClientConfiguration());
        b.ApplyConfiguration(new PortalClientUnitConfiguration());
        b.ApplyConfiguration(new SubmissionConfiguration());
        b.ApplyConfiguration(new OutboxMessageConfiguration());
        b.ApplyConfiguration(new ScanBatchConfiguration());
        b.ApplyConfiguration(new ScanDocumentConfiguration(sqlite));
        b.ApplyConfiguration(new ScanRuleConfiguration());
        b.ApplyConfiguration(new ScanSettingConfiguration());
        b.ApplyConfiguration(new ScanModelConfiguration());
        b.ApplyConfiguration(new ScanQualityRateConfiguration());
        b.ApplyConfiguration(new LeaseConfiguration());

        // The unit scope, in one place for every unit-owned record.
        ApplyScope<CaseFile>(b);
        ApplyScope<Case>(b);
        ApplyScope<CaseNote>(b);
        ApplyScope<Letter>(b);
        ApplyScope<LetterDraft>(b);
        ApplyScope<DeletedFile>(b);
        ApplyScope<Document>(b);
        ApplyScope<InboxItem>(b);
        ApplyScope<Submission>(b);
        ApplyScope<OutboxMessage>(b);
        // Children without a unit of their own are scoped through their parent.
        b.Entity<CaseStatusChange>().HasQueryFilter(x => EF.Constant(_scopeAll) || _scopeUnitIds.Contains(x.Case!.UnitId));
        b.Entity<DocumentVersion>().HasQueryFilter(x => EF.Constant(_scopeAll) || _scopeUnitIds.Contains(x.Document!.UnitId));
    }

    private void ApplyScope<T>(ModelBuilder b) where T : class, IUnitOwned =>
        b.Entity<T>().HasQueryFilter(ScopeFilter<T>());

    // EF.Constant puts the flag into the SQL as 0 or 1, which EF then folds away: a parameter there
    // ("@all OR UnitId IN (...)") would keep SQLite from using the unit indexes.
    private Expression<Func<T, bool>> ScopeFilter<T>() where T : IUnitOwned =>
        e => EF.Constant(_scopeAll) || _scopeUnitIds.Contains(e.UnitId);

    /// <summary>Records that the current actor read a record (e.g. opened a case).</summary>
    public void LogRead(string entityType, string entityId, int? unitId) =>
        AuditEvents.Add(NewEvent("read", entityType, entityId, unitId, null));

    /// <summary>Records a domain event that is not a plain row change (sign-in, seed, ...).</summary>
    public void LogEvent(string action, string entityType, string entityId, int? unitId = null, string? details = null) =>
        AuditEvents.Add(NewEvent(action, entityType, entityId, unitId, details));

    // Bounded to the columns' lengths: the trail is append-only, so nothing oversized may ever reach it
    // (SQLite does not enforce the declared lengths itself).
    private AuditEvent NewEvent(string action, string type, string id, int? unitId, string? details) => new()
    {
        At = AuditChain.Now(), Actor = Bounded(Actor, 256), Action = Bounded(action, 50), EntityType = Bounded(type, 100), EntityId = Bounded(id, 100),
        UnitId = unitId, Details = details is null ? null : Bounded(details, MaxAuditDetails), PreviousHash = "", Hash = "",
    };

    public const int MaxAuditDetails = 20_000;

    private static string Bounded(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken ct = default)
    {
        CheckLengths();
        var changes = SuppressChangeAudit ? [] : DescribeChanges();
        var explicitEvents = ChangeTracker.Entries<AuditEvent>().Where(e => e.State == EntityState.Added).ToList();
        if (changes.Count == 0 && explicitEvents.Count == 0)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);

        // Rows first (so that new ids are known), then their audit events, then commit:
        // both or neither. Explicit events wait for the chain so that they are hashed in order.
        foreach (var e in explicitEvents) e.State = EntityState.Detached;
        var own = Database.CurrentTransaction is null;
        if (own && changes.Count == 0 && explicitEvents.All(e => e.Entity.Action == "read"))
        {
            // Only reads to log (a case or document opened): the append runs again whole when a failover cut it off,
            // so that opening a case in the second the database writer dies does not fail. At worst a lost commit
            // answer logs the read twice; nothing else is written.
            var reads = explicitEvents.Select(e => e.Entity).ToList();
            return await Database.CreateExecutionStrategy().ExecuteAsync(attemptCt => AppendReadsAsync(reads, acceptAllChangesOnSuccess, attemptCt), ct);
        }
        await using var tx = own ? await Database.BeginTransactionAsync(ct) : null;
        await WriterLock.TakeAsync(this, ct); // the chain is read and extended by one writer at a time
        var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);

        var events = changes.Select(c => NewEvent(c.Action, c.Entry.Metadata.ClrType.Name, KeyOf(c.Entry), (c.Entry.Entity as IUnitOwned)?.UnitId, c.Details))
            .Concat(explicitEvents.Select(e => e.Entity));
        count += await AppendToChainAsync(events, acceptAllChangesOnSuccess, ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return count;
    }

    /// <summary>Hashes the events onto the chain's end and saves them; the caller holds the writer lock.</summary>
    private async Task<int> AppendToChainAsync(IEnumerable<AuditEvent> events, bool acceptAllChangesOnSuccess, CancellationToken ct)
    {
        var previous = await AuditEvents.OrderByDescending(e => e.Id).Select(e => e.Hash).FirstOrDefaultAsync(ct) ?? AuditChain.Genesis;
        foreach (var ev in events)
        {
            ev.PreviousHash = previous;
            ev.Hash = previous = AuditChain.ComputeHash(ev);
            AuditEvents.Add(ev);
        }
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
    }

    private async Task<int> AppendReadsAsync(List<AuditEvent> reads, bool acceptAllChangesOnSuccess, CancellationToken ct)
    {
        foreach (var ev in reads)
        {
            Entry(ev).State = EntityState.Detached; // an attempt cut off may have left it added, with an id
            ev.Id = 0;
        }
        await using var tx = await Database.BeginTransactionAsync(ct);
        await WriterLock.TakeAsync(this, ct);
        var count = await AppendToChainAsync(reads, acceptAllChangesOnSuccess, ct);
        await tx.CommitAsync(ct);
        return count;
    }

    /// <summary>
    /// Refuses a string longer than its column before anything is written, on both engines: MariaDB would refuse it
    /// ("Data too long"), SQLite would keep it, so that a missing check only showed in production.
    /// </summary>
    private void CheckLengths()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            foreach (var p in entry.Properties)
                if (p.CurrentValue is string text && p.Metadata.GetMaxLength() is { } max && text.Length > max
                    && (entry.State == EntityState.Added || p.IsModified))
                    throw new ValueTooLongException(entry.Metadata.ClrType.Name, p.Metadata.Name, text.Length, max);
        }
    }

    private sealed record Change(string Action, EntityEntry Entry, string? Details);

    private static readonly HashSet<string> SecretProperties =
        [nameof(AppUser.PasswordHash), nameof(AppUser.SecurityStamp), nameof(AppUser.ConcurrencyStamp)];

    private List<Change> DescribeChanges()
    {
        var list = new List<Change>();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is AuditEvent) continue;
            var action = entry.State switch
            {
                EntityState.Added => "created",
                EntityState.Modified => "changed",
                EntityState.Deleted => "deleted",
                _ => null,
            };
            if (action is null) continue;
            var props = entry.Properties
                .Where(p => entry.State != EntityState.Modified || p.IsModified)
                .Where(p => !p.Metadata.IsPrimaryKey())
                .ToDictionary(p => p.Metadata.Name, p => SecretProperties.Contains(p.Metadata.Name) || entry.Entity is DataProtectionKey ? "***"
                    : p.CurrentValue is byte[] bytes ? $"{bytes.Length} Bytes" // a file's content is no change description
                    : entry.Entity is ScanDocument && p.Metadata.Name == nameof(ScanDocument.Text) && p.CurrentValue is string text ? $"{text.Length} Zeichen erkannter Text"
                    : p.CurrentValue);
            list.Add(new Change(action, entry, entry.State == EntityState.Deleted ? null : JsonSerializer.Serialize(props)));
        }
        return list;
    }

    private static string KeyOf(EntityEntry entry) =>
        string.Join("/", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue));
}

/// <summary>A value longer than its column: a check the code that took the input is missing.</summary>
public sealed class ValueTooLongException(string entity, string property, int length, int max)
    : InvalidOperationException($"{entity}.{property} is {length} characters long; its column holds {max}. The input should have been checked before saving.")
{
    public string Entity { get; } = entity;
    public string Property { get; } = property;
}

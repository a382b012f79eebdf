using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace BackOffice.Data;

/// <summary>
/// The one DbContext. Records owned by a unit are filtered by <see cref="Scope"/> in every query,
/// and every change is written to the hash-chained audit trail in the same transaction.
/// </summary>
public class BackOfficeDb(DbContextOptions<BackOfficeDb> options) : IdentityUserContext<AppUser>(options)
{
    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();
    public DbSet<UserUnit> UserUnits => Set<UserUnit>();
    public DbSet<EntraGroupMapping> EntraGroupMappings => Set<EntraGroupMapping>();
    public DbSet<Municipality> Municipalities => Set<Municipality>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<FilePlanEntry> FilePlanEntries => Set<FilePlanEntry>();
    public DbSet<CaseFile> CaseFiles => Set<CaseFile>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseStatusChange> CaseStatusChanges => Set<CaseStatusChange>();
    public DbSet<Document> Documents => Set<Document>();
    public DbSet<DocumentVersion> DocumentVersions => Set<DocumentVersion>();
    public DbSet<InboxItem> InboxItems => Set<InboxItem>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<PortalClient> PortalClients => Set<PortalClient>();
    public DbSet<PortalClientUnit> PortalClientUnits => Set<PortalClientUnit>();
    public DbSet<Submission> Submissions => Set<Submission>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<SavedFilter> SavedFilters => Set<SavedFilter>();
    public DbSet<WriterLock> WriterLocks => Set<WriterLock>();

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

        b.Entity<OrgUnit>(e =>
        {
            e.Property(x => x.Key).HasMaxLength(20);
            e.Property(x => x.Name).HasMaxLength(200);
            e.HasIndex(x => x.Key).IsUnique();
            e.HasOne(x => x.Parent).WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<AppUser>(e =>
        {
            e.Property(x => x.DisplayName).HasMaxLength(200);
            e.Property(x => x.Role).HasMaxLength(50);
            e.HasMany(x => x.Units).WithOne().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.EntraObjectId).HasMaxLength(64);
            // Existing accounts are on when the column arrives (a NOT NULL column added to filled tables needs a default).
            e.Property(x => x.Disabled).HasDefaultValue(false);
            e.HasIndex(x => x.EntraObjectId).IsUnique();
        });
        b.Entity<EntraGroupMapping>(e =>
        {
            e.Property(x => x.GroupId).HasMaxLength(64);
            e.Property(x => x.Label).HasMaxLength(200);
            e.Property(x => x.Role).HasMaxLength(50);
            e.HasIndex(x => x.GroupId);
            e.HasOne(x => x.OrgUnit).WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<UserUnit>(e =>
        {
            e.HasKey(x => new { x.UserId, x.OrgUnitId });
            e.HasOne(x => x.OrgUnit).WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Municipality>(e =>
        {
            e.Property(x => x.Key).HasMaxLength(12);
            e.Property(x => x.Name).HasMaxLength(200);
            e.HasIndex(x => x.Key).IsUnique();
        });
        b.Entity<Service>(e =>
        {
            e.Property(x => x.Key).HasMaxLength(20);
            e.Property(x => x.Name).HasMaxLength(300);
            e.Property(x => x.LegalBasis).HasMaxLength(200);
            e.HasIndex(x => x.Key).IsUnique();
            e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.FilePlanEntry).WithMany().HasForeignKey(x => x.FilePlanEntryId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<FilePlanEntry>(e =>
        {
            e.Property(x => x.Code).HasMaxLength(30);
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.RetentionTrigger).HasMaxLength(100);
            e.HasIndex(x => x.Code).IsUnique();
            e.HasOne(x => x.Parent).WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<CaseFile>(e =>
        {
            e.Property(x => x.Reference).HasMaxLength(50);
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.ApplicantName).HasMaxLength(200);
            e.HasIndex(x => x.Reference).IsUnique();
            e.HasIndex(x => new { x.FilePlanEntryId, x.Sequence }).IsUnique();
            e.HasIndex(x => new { x.UnitId, x.ApplicantName });
            e.HasOne(x => x.FilePlanEntry).WithMany().HasForeignKey(x => x.FilePlanEntryId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Case>(e =>
        {
            e.Property(x => x.Reference).HasMaxLength(60);
            e.Property(x => x.Subject).HasMaxLength(300);
            // NOCASE so that prefix searches (LIKE 'x%') can use the indexes below.
            e.Property(x => x.ApplicantName).HasMaxLength(200).UseCollation(sqlite ? "NOCASE" : null);
            e.Property(x => x.Reference).UseCollation(sqlite ? "NOCASE" : null);
            e.HasIndex(x => x.Reference).IsUnique();
            e.HasOne(x => x.CaseFile).WithMany(f => f.Cases).HasForeignKey(x => x.CaseFileId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Service).WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Municipality).WithMany().HasForeignKey(x => x.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Assignee).WithMany().HasForeignKey(x => x.AssigneeId).OnDelete(DeleteBehavior.SetNull);
            // The list "Meine Vorgänge" sorts and filters on these within a unit or an assignee.
            e.HasIndex(x => new { x.UnitId, x.ReceivedAt });
            e.HasIndex(x => new { x.UnitId, x.Status, x.ReceivedAt });
            e.HasIndex(x => new { x.AssigneeId, x.ReceivedAt });
            e.HasIndex(x => new { x.AssigneeId, x.Status, x.ReceivedAt });
            e.HasIndex(x => new { x.UnitId, x.DueAt });
            e.HasIndex(x => new { x.UnitId, x.Status, x.DueAt });
            e.HasIndex(x => new { x.UnitId, x.Reference });
            // Newest first across many units (department heads): walk by date, stop after a page.
            e.HasIndex(x => x.ReceivedAt);
            // Open, undecided cases by deadline (3 = Entschieden): small, and what the overdue filter reads.
            if (sqlite) e.HasIndex(x => new { x.UnitId, x.DueAt }, "IX_Cases_Undecided_UnitId_DueAt").HasFilter("\"Status\" < 3");
            e.HasIndex(x => new { x.UnitId, x.ApplicantName });
            e.HasIndex(x => x.ServiceId);
            e.HasIndex(x => x.MunicipalityId);
            e.HasIndex(x => x.CaseFileId);
        });
        b.Entity<CaseStatusChange>(e =>
        {
            e.HasOne(x => x.Case).WithMany(c => c.StatusChanges).HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.CaseId, x.ChangedAt });
        });
        b.Entity<Document>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(300);
            e.HasOne(x => x.Case).WithMany(c => c.Documents).HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.InboxItem).WithMany(i => i.Documents).HasForeignKey(x => x.InboxItemId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.CaseId);
            e.HasIndex(x => x.InboxItemId);
            // The text reader's queue: documents not read yet.
            if (sqlite) e.HasIndex(x => x.Id, "IX_Documents_TextPending").HasFilter("\"Text\" IS NULL");
            // Full-text search: FTS5 (InboxSearch, outside the model) on SQLite, InnoDB FULLTEXT here on MariaDB.
            else e.HasIndex(x => x.Text).IsFullText();
        });
        b.Entity<DocumentVersion>(e =>
        {
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.MimeType).HasMaxLength(100);
            e.Property(x => x.FileName).HasMaxLength(260);
            e.HasOne(x => x.Document).WithMany(d => d.Versions).HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.DocumentId, x.Number }).IsUnique();
            e.HasIndex(x => x.Sha256);
        });
        b.Entity<SavedFilter>(e =>
        {
            e.Property(x => x.Page).HasMaxLength(50);
            e.Property(x => x.Name).HasMaxLength(100);
            e.HasIndex(x => new { x.UserId, x.Page, x.Name }).IsUnique();
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<InboxItem>(e =>
        {
            e.Property(x => x.Number).HasMaxLength(30).UseCollation(sqlite ? "NOCASE" : null);
            e.Property(x => x.Subject).HasMaxLength(300);
            e.Property(x => x.Sender).HasMaxLength(200).UseCollation(sqlite ? "NOCASE" : null);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.Number).IsUnique();
            e.HasIndex(x => new { x.UnitId, x.Sender, x.ReceivedAt }); // "by sender": in this order, no sort
            e.HasIndex(x => new { x.UnitId, x.Number });
            e.HasIndex(x => new { x.UnitId, x.ReceivedAt });
            // Only assigned items: most items are unassigned, and with them in the index SQLite's statistics
            // make "mine" look common, so the planner walked the unit's whole history instead.
            if (sqlite) e.HasIndex(x => new { x.AssigneeId, x.ReceivedAt }, "IX_InboxItems_Assigned").HasFilter("\"AssigneeId\" IS NOT NULL");
            else e.HasIndex(x => new { x.AssigneeId, x.ReceivedAt }, "IX_InboxItems_Assigned");
            e.HasIndex(x => x.ReceivedAt);
            e.HasIndex(x => new { x.UnitId, x.State, x.ReceivedAt });
            e.HasIndex(x => new { x.AssigneeId, x.State });
            e.HasIndex(x => x.CaseId);
            e.HasIndex(x => new { x.UnitId, x.ServiceId, x.ReceivedAt });
            // Open items by date: the few open ones among a unit's whole history, for "oldest first" (the planner's
            // sampled statistics cannot tell that State IN (0, 1) is rare).
            if (sqlite) e.HasIndex(x => new { x.UnitId, x.ReceivedAt }, "IX_InboxItems_Open").HasFilter("\"State\" IN (0, 1)");
            else e.HasIndex(x => new { x.Subject, x.Sender }).IsFullText();
            e.HasIndex(x => x.ServiceId);
            // The registering unit's journal, newest first.
            e.HasIndex(x => new { x.RegisteredUnitId, x.ReceivedAt });
            e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.RegisteredUnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Service).WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Assignee).WithMany().HasForeignKey(x => x.AssigneeId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(x => x.Case).WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<AuditEvent>(e =>
        {
            e.Property(x => x.Actor).HasMaxLength(256);
            e.Property(x => x.Action).HasMaxLength(50);
            e.Property(x => x.EntityType).HasMaxLength(100);
            e.Property(x => x.EntityId).HasMaxLength(100);
            e.Property(x => x.PreviousHash).HasMaxLength(64);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.HasIndex(x => new { x.EntityType, x.EntityId });
        });

        b.Entity<PortalClient>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.KeyHash).HasMaxLength(64);
            e.Property(x => x.KeyPrefix).HasMaxLength(12);
            e.HasIndex(x => x.KeyHash).IsUnique();
            e.HasMany(x => x.Units).WithOne().HasForeignKey(x => x.PortalClientId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<PortalClientUnit>(e =>
        {
            e.HasKey(x => new { x.PortalClientId, x.OrgUnitId });
            e.HasOne(x => x.OrgUnit).WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Submission>(e =>
        {
            e.Property(x => x.ContentHash).HasMaxLength(64);
            e.Property(x => x.InboxNumber).HasMaxLength(30);
            e.Property(x => x.ServiceKey).HasMaxLength(20);
            // One case per submission id, however many retries arrive at once.
            e.HasIndex(x => x.SubmissionId).IsUnique();
            e.HasIndex(x => x.CaseId);
            e.HasOne<PortalClient>().WithMany().HasForeignKey(x => x.PortalClientId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Case).WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.InboxItem).WithMany().HasForeignKey(x => x.InboxItemId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<OutboxMessage>(e =>
        {
            e.Property(x => x.Subject).HasMaxLength(300);
            e.HasIndex(x => new { x.PortalClientId, x.Id });
            e.HasIndex(x => x.CaseId);
            e.HasOne<PortalClient>().WithMany().HasForeignKey(x => x.PortalClientId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<WriterLock>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasData(new WriterLock { Id = 1 });
        });

        // The unit scope, in one place for every unit-owned record.
        ApplyScope<CaseFile>(b);
        ApplyScope<Case>(b);
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
        var changes = SuppressChangeAudit ? [] : DescribeChanges();
        var explicitEvents = ChangeTracker.Entries<AuditEvent>().Where(e => e.State == EntityState.Added).ToList();
        if (changes.Count == 0 && explicitEvents.Count == 0)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);

        // Rows first (so that new ids are known), then their audit events, then commit:
        // both or neither. Explicit events wait for the chain so that they are hashed in order.
        foreach (var e in explicitEvents) e.State = EntityState.Detached;
        var own = Database.CurrentTransaction is null;
        await using var tx = own ? await Database.BeginTransactionAsync(ct) : null;
        await WriterLock.TakeAsync(this, ct); // the chain is read and extended by one writer at a time
        var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);

        var previous = await AuditEvents.OrderByDescending(e => e.Id).Select(e => e.Hash).FirstOrDefaultAsync(ct) ?? AuditChain.Genesis;
        var events = changes.Select(c => NewEvent(c.Action, c.Entry.Metadata.ClrType.Name, KeyOf(c.Entry), (c.Entry.Entity as IUnitOwned)?.UnitId, c.Details))
            .Concat(explicitEvents.Select(e => e.Entity));
        foreach (var ev in events)
        {
            ev.PreviousHash = previous;
            ev.Hash = previous = AuditChain.ComputeHash(ev);
            AuditEvents.Add(ev);
        }
        count += await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return count;
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
                .ToDictionary(p => p.Metadata.Name, p => SecretProperties.Contains(p.Metadata.Name) ? "***" : p.CurrentValue);
            list.Add(new Change(action, entry, entry.State == EntityState.Deleted ? null : JsonSerializer.Serialize(props)));
        }
        return list;
    }

    private static string KeyOf(EntityEntry entry) =>
        string.Join("/", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue));
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Data;

// How the entities of Intake.cs map to tables and indexes. A constructor flag `sqlite` marks what differs on SQLite
// (NOCASE collations, partial indexes) from MariaDB (German collation, FULLTEXT indexes); ADR-0007 lists the differences.

public sealed class PortalClientConfiguration : IEntityTypeConfiguration<PortalClient>
{
    public void Configure(EntityTypeBuilder<PortalClient> e)
    {
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.KeyHash).HasMaxLength(64);
        e.Property(x => x.KeyPrefix).HasMaxLength(12);
        e.HasIndex(x => x.KeyHash).IsUnique();
        e.HasMany(x => x.Units).WithOne().HasForeignKey(x => x.PortalClientId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PortalClientUnitConfiguration : IEntityTypeConfiguration<PortalClientUnit>
{
    public void Configure(EntityTypeBuilder<PortalClientUnit> e)
    {
        e.HasKey(x => new { x.PortalClientId, x.OrgUnitId });
        e.HasOne(x => x.OrgUnit).WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SubmissionConfiguration : IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Submission> e)
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
    }
}

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.Property(x => x.Subject).HasMaxLength(300);
        e.HasIndex(x => new { x.PortalClientId, x.Id });
        e.HasIndex(x => x.CaseId);
        e.HasOne<PortalClient>().WithMany().HasForeignKey(x => x.PortalClientId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

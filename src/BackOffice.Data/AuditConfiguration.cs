using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Data;

// How the entities of Audit.cs map to tables and indexes. A constructor flag `sqlite` marks what differs on SQLite
// (NOCASE collations, partial indexes) from MariaDB (German collation, FULLTEXT indexes); ADR-0007 lists the differences.

public sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> e)
    {
        e.Property(x => x.Actor).HasMaxLength(256);
        e.Property(x => x.Action).HasMaxLength(50);
        e.Property(x => x.EntityType).HasMaxLength(100);
        e.Property(x => x.EntityId).HasMaxLength(100);
        e.Property(x => x.PreviousHash).HasMaxLength(64);
        e.Property(x => x.Hash).HasMaxLength(64);
        e.HasIndex(x => new { x.EntityType, x.EntityId });
    }
}

public sealed class WriterLockConfiguration : IEntityTypeConfiguration<WriterLock>
{
    public void Configure(EntityTypeBuilder<WriterLock> e)
    {
        e.Property(x => x.Id).ValueGeneratedNever();
        e.HasData(new WriterLock { Id = 1 });
    }
}

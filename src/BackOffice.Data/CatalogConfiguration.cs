using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Data;

// How the entities of Catalog.cs map to tables and indexes. A constructor flag `sqlite` marks what differs on SQLite
// (NOCASE collations, partial indexes) from MariaDB (German collation, FULLTEXT indexes); ADR-0007 lists the differences.

public sealed class MunicipalityConfiguration : IEntityTypeConfiguration<Municipality>
{
    public void Configure(EntityTypeBuilder<Municipality> e)
    {
        e.Property(x => x.Key).HasMaxLength(12);
        e.Property(x => x.Name).HasMaxLength(200);
        e.HasIndex(x => x.Key).IsUnique();
    }
}

public sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> e)
    {
        e.Property(x => x.Key).HasMaxLength(20);
        e.Property(x => x.Name).HasMaxLength(300);
        e.Property(x => x.LegalBasis).HasMaxLength(200);
        e.Property(x => x.RemedyNotice).HasMaxLength(LetterTemplateConfiguration.MaxRemedy);
        e.Property(x => x.RequiresCoSignature).HasDefaultValue(false);
        e.HasIndex(x => x.Key).IsUnique();
        e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.FilePlanEntry).WithMany().HasForeignKey(x => x.FilePlanEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class FilePlanEntryConfiguration : IEntityTypeConfiguration<FilePlanEntry>
{
    public void Configure(EntityTypeBuilder<FilePlanEntry> e)
    {
        e.Property(x => x.Code).HasMaxLength(30);
        e.Property(x => x.Title).HasMaxLength(300);
        e.Property(x => x.RetentionTrigger).HasMaxLength(100);
        e.HasIndex(x => x.Code).IsUnique();
        e.HasOne(x => x.Parent).WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.ResponsibleUnit).WithMany().HasForeignKey(x => x.ResponsibleUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

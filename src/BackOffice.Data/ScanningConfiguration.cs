using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Data;

public sealed class ScanBatchConfiguration : IEntityTypeConfiguration<ScanBatch>
{
    public void Configure(EntityTypeBuilder<ScanBatch> e)
    {
        e.Property(x => x.Scanner).HasMaxLength(100);
        e.Property(x => x.FileName).HasMaxLength(255);
        e.Property(x => x.OriginalName).HasMaxLength(300);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.TakenBy).HasMaxLength(255);
        e.Property(x => x.Error).HasMaxLength(2000);
        e.Property(x => x.Profile).HasMaxLength(200);
        e.Property(x => x.DestroyedBy).HasMaxLength(255);
        e.HasIndex(x => new { x.DestroyedAt, x.DestroyFrom });
        e.HasIndex(x => x.Sha256);
        e.HasIndex(x => new { x.Step, x.Id });
        e.HasMany(x => x.Documents).WithOne(x => x.Batch).HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ScanDocumentConfiguration(bool sqlite) : IEntityTypeConfiguration<ScanDocument>
{
    public void Configure(EntityTypeBuilder<ScanDocument> e)
    {
        e.Property(x => x.PdfSha256).HasMaxLength(64);
        e.Property(x => x.ProposalReason).HasMaxLength(1000);
        e.Property(x => x.SourcePages).HasMaxLength(2000).HasDefaultValue("");
        // Defaults for the rows that were there before these columns (the migration adds them with these values).
        e.Property(x => x.BlankPagesDropped).HasDefaultValue(0);
        e.Property(x => x.QualitySample).HasDefaultValue(false);
        e.Property(x => x.RoutedAutomatically).HasDefaultValue(false);
        e.Property(x => x.CheckedBy).HasMaxLength(255);
        e.Property(x => x.QualityCheckedBy).HasMaxLength(255);
        e.Property(x => x.Remark).HasMaxLength(1000);
        e.Property(x => x.Text).HasMaxLength(DocumentConfiguration.MaxTextLength);
        if (!sqlite) e.Property(x => x.Text).HasColumnType("mediumtext"); // as Document.Text
        e.HasIndex(x => new { x.State, x.Id });
        e.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.ProposedUnitId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<Service>().WithMany().HasForeignKey(x => x.ProposedServiceId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<InboxItem>().WithMany().HasForeignKey(x => x.InboxItemId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class ScanRuleConfiguration : IEntityTypeConfiguration<ScanRule>
{
    public void Configure(EntityTypeBuilder<ScanRule> e)
    {
        e.Property(x => x.Text).HasMaxLength(500);
        e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Service).WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class ScanSettingConfiguration : IEntityTypeConfiguration<ScanSetting>
{
    public void Configure(EntityTypeBuilder<ScanSetting> e) => e.Property(x => x.Id).ValueGeneratedNever();
}

public sealed class ScanModelConfiguration : IEntityTypeConfiguration<ScanModel>
{
    public void Configure(EntityTypeBuilder<ScanModel> e) => e.HasIndex(x => x.TrainedAt);
}

public sealed class ScanQualityRateConfiguration : IEntityTypeConfiguration<ScanQualityRate>
{
    public void Configure(EntityTypeBuilder<ScanQualityRate> e)
    {
        e.HasIndex(x => x.ServiceId).IsUnique();
        e.HasOne(x => x.Service).WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

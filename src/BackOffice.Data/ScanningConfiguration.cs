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
        e.Property(x => x.CheckedBy).HasMaxLength(255);
        e.Property(x => x.Text).HasMaxLength(DocumentConfiguration.MaxTextLength);
        if (!sqlite) e.Property(x => x.Text).HasColumnType("mediumtext"); // as Document.Text
        e.HasIndex(x => new { x.State, x.Id });
        e.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.ProposedUnitId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<InboxItem>().WithMany().HasForeignKey(x => x.InboxItemId).OnDelete(DeleteBehavior.SetNull);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Data;

public sealed class ReportScheduleConfiguration : IEntityTypeConfiguration<ReportSchedule>
{
    public void Configure(EntityTypeBuilder<ReportSchedule> e)
    {
        e.Property(x => x.ReportId).HasMaxLength(100);
        e.Property(x => x.UserId).HasMaxLength(255);
        e.Property(x => x.UnitKey).HasMaxLength(50);
        e.HasIndex(x => x.UserId);
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Results).WithOne(x => x.Schedule).HasForeignKey(x => x.ScheduleId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ReportResultConfiguration : IEntityTypeConfiguration<ReportResult>
{
    public void Configure(EntityTypeBuilder<ReportResult> e)
    {
        e.Property(x => x.FileName).HasMaxLength(200);
        e.Property(x => x.StoredName).HasMaxLength(100);
        e.Property(x => x.Error).HasMaxLength(2000);
        e.HasIndex(x => new { x.ScheduleId, x.CreatedAt });
    }
}

public sealed class OfficialFormConfiguration : IEntityTypeConfiguration<OfficialForm>
{
    public void Configure(EntityTypeBuilder<OfficialForm> e)
    {
        e.Property(x => x.ReportId).HasMaxLength(100);
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.FileName).HasMaxLength(200);
        e.Property(x => x.UploadedBy).HasMaxLength(200);
        e.HasIndex(x => x.ReportId);
        e.HasMany(x => x.Cells).WithOne().HasForeignKey(x => x.FormId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class OfficialFormCellConfiguration : IEntityTypeConfiguration<OfficialFormCell>
{
    public void Configure(EntityTypeBuilder<OfficialFormCell> e)
    {
        e.Property(x => x.Name).HasMaxLength(255);
        e.Property(x => x.Source).HasMaxLength(500);
        e.HasIndex(x => new { x.FormId, x.Name }).IsUnique();
    }
}

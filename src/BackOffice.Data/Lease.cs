using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Data;

/// <summary>
/// Background work that must run on one app instance at a time (the document text reader, scheduled reports, the
/// sweep, the Scanstelle's folder watcher and reader): the instance named in <see cref="Holder"/> does it until
/// <see cref="ExpiresAt"/>, renewing as it goes. When it dies, the lease runs out and another instance takes it.
/// </summary>
public class Lease
{
    public const int MaxNameLength = 64, MaxHolderLength = 200;

    public string Name { get; set; } = "";
    /// <summary>The instance's name and a number of its process, so that a restarted instance is a new holder.</summary>
    public string Holder { get; set; } = "";
    public DateTime ExpiresAt { get; set; }
}

public sealed class LeaseConfiguration : IEntityTypeConfiguration<Lease>
{
    public void Configure(EntityTypeBuilder<Lease> e)
    {
        e.HasKey(x => x.Name);
        e.Property(x => x.Name).HasMaxLength(Lease.MaxNameLength);
        e.Property(x => x.Holder).HasMaxLength(Lease.MaxHolderLength);
    }
}

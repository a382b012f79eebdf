using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Data;

// How the entities of Access.cs map to tables and indexes. A constructor flag `sqlite` marks what differs on SQLite
// (NOCASE collations, partial indexes) from MariaDB (German collation, FULLTEXT indexes); ADR-0007 lists the differences.

public sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> e)
    {
        e.Property(x => x.Key).HasMaxLength(20);
        e.Property(x => x.Name).HasMaxLength(200);
        e.HasIndex(x => x.Key).IsUnique();
        e.HasOne(x => x.Parent).WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> e)
    {
        e.Property(x => x.DisplayName).HasMaxLength(200);
        e.Property(x => x.Role).HasMaxLength(50);
        e.HasMany(x => x.Units).WithOne().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.EntraObjectId).HasMaxLength(64);
        // Existing accounts are on when the column arrives (a NOT NULL column added to filled tables needs a default).
        e.Property(x => x.Disabled).HasDefaultValue(false);
        e.Property(x => x.MustChangePassword).HasDefaultValue(false);
        e.Property(x => x.CoSigns).HasDefaultValue(false);
        e.HasIndex(x => x.EntraObjectId).IsUnique();
    }
}

public sealed class EntraGroupMappingConfiguration : IEntityTypeConfiguration<EntraGroupMapping>
{
    public void Configure(EntityTypeBuilder<EntraGroupMapping> e)
    {
        e.Property(x => x.GroupId).HasMaxLength(64);
        e.Property(x => x.Label).HasMaxLength(200);
        e.Property(x => x.Role).HasMaxLength(50);
        e.HasIndex(x => x.GroupId);
        e.HasOne(x => x.OrgUnit).WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class UserUnitConfiguration : IEntityTypeConfiguration<UserUnit>
{
    public void Configure(EntityTypeBuilder<UserUnit> e)
    {
        e.HasKey(x => new { x.UserId, x.OrgUnitId });
        e.HasOne(x => x.OrgUnit).WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class DeputyshipConfiguration : IEntityTypeConfiguration<Deputyship>
{
    public void Configure(EntityTypeBuilder<Deputyship> e)
    {
        e.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Deputy).WithMany().HasForeignKey(x => x.DeputyId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.DeputyId, x.Until }); // whom does this person stand in for today
        e.HasIndex(x => new { x.UserId, x.Until });
    }
}

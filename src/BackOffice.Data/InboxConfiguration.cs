using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Data;

// How the entities of Inbox.cs map to tables and indexes. A constructor flag `sqlite` marks what differs on SQLite
// (NOCASE collations, partial indexes) from MariaDB (German collation, FULLTEXT indexes); ADR-0007 lists the differences.

public sealed class SavedFilterConfiguration : IEntityTypeConfiguration<SavedFilter>
{
    public void Configure(EntityTypeBuilder<SavedFilter> e)
    {
        e.Property(x => x.Page).HasMaxLength(50);
        e.Property(x => x.Name).HasMaxLength(100);
        e.HasIndex(x => new { x.UserId, x.Page, x.Name }).IsUnique();
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class InboxItemConfiguration(bool sqlite) : IEntityTypeConfiguration<InboxItem>
{
    public void Configure(EntityTypeBuilder<InboxItem> e)
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
        // A person's due Wiedervorlagen (the start page); partial on SQLite, so the planner never takes it for other lists.
        if (sqlite) e.HasIndex(x => new { x.AssigneeId, x.ResubmitAt }, "IX_InboxItems_Resubmit").HasFilter("\"ResubmitAt\" IS NOT NULL");
        else e.HasIndex(x => new { x.AssigneeId, x.ResubmitAt }, "IX_InboxItems_Resubmit");
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
    }
}

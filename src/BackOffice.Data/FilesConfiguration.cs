using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Data;

// How the entities of Files.cs map to tables and indexes. A constructor flag `sqlite` marks what differs on SQLite
// (NOCASE collations, partial indexes) from MariaDB (German collation, FULLTEXT indexes); ADR-0007 lists the differences.

public sealed class CaseFileConfiguration : IEntityTypeConfiguration<CaseFile>
{
    public void Configure(EntityTypeBuilder<CaseFile> e)
    {
        e.Property(x => x.Reference).HasMaxLength(50);
        e.Property(x => x.Title).HasMaxLength(300);
        e.Property(x => x.ApplicantName).HasMaxLength(200);
        e.Property(x => x.ApplicantAddress).HasMaxLength(300);
        e.Property(x => x.ArchivePackageSha256).HasMaxLength(64);
        e.HasIndex(x => x.RetainUntil); // the Aussonderung: files due
        e.HasIndex(x => x.Reference).IsUnique();
        e.HasIndex(x => new { x.FilePlanEntryId, x.Sequence }).IsUnique();
        e.HasIndex(x => new { x.UnitId, x.ApplicantName });
        e.HasIndex(x => x.ApplicantName); // a name searched county-wide (the head of the whole county)
        // The Akten page: a unit's files newest first, all or under one file plan entry.
        e.HasIndex(x => new { x.UnitId, x.CreatedAt });
        e.HasIndex(x => new { x.UnitId, x.FilePlanEntryId, x.CreatedAt });
        e.HasIndex(x => x.CreatedAt); // the head of the whole county (no unit filter)
        e.HasIndex(x => new { x.UnitId, x.Reference }); // an Aktenzeichen typed on the Akten page, within the user's units
        e.HasOne(x => x.FilePlanEntry).WithMany().HasForeignKey(x => x.FilePlanEntryId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CaseConfiguration(bool sqlite) : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> e)
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
        // Also the dashboards' incoming per week: it carries what they group by, so they read the index alone.
        e.HasIndex(x => new { x.UnitId, x.ReceivedAt, x.ServiceId, x.Channel, x.AssigneeId }, "IX_Cases_UnitId_ReceivedAt");
        // DecidedAt is set through Case.Decided, with ProcessingHours.
        e.Property(x => x.DecidedAt);
        e.Property(x => x.ProcessingHours);
        // The dashboards' completed per week (by clerk) and processing-time histogram, from the index alone.
        e.HasIndex(x => new { x.UnitId, x.DecidedAt, x.AssigneeId, x.ProcessingHours }, "IX_Cases_UnitId_DecidedAt");
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
        e.Property(x => x.ResubmitNote).HasMaxLength(500);
        // A person's due Wiedervorlagen (the start page); partial on SQLite, so the planner never takes it for other lists.
        if (sqlite) e.HasIndex(x => new { x.AssigneeId, x.ResubmitAt }, "IX_Cases_Resubmit").HasFilter("\"ResubmitAt\" IS NOT NULL");
        else e.HasIndex(x => new { x.AssigneeId, x.ResubmitAt }, "IX_Cases_Resubmit");
    }
}

public sealed class CaseNoteConfiguration : IEntityTypeConfiguration<CaseNote>
{
    public void Configure(EntityTypeBuilder<CaseNote> e)
    {
        e.Property(x => x.Text).HasMaxLength(CaseNoteMaxLength);
        e.Property(x => x.AuthorName).HasMaxLength(300);
        e.HasOne(x => x.Case).WithMany(c => c.Notes).HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.CaseId, x.CreatedAt });
    }

    public const int CaseNoteMaxLength = 4000;
}

public sealed class CaseStatusChangeConfiguration : IEntityTypeConfiguration<CaseStatusChange>
{
    public void Configure(EntityTypeBuilder<CaseStatusChange> e)
    {
        e.HasOne(x => x.Case).WithMany(c => c.StatusChanges).HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.CaseId, x.ChangedAt });
        e.Property(x => x.Reason).HasMaxLength(1000);
    }
}

public sealed class DocumentConfiguration(bool sqlite) : IEntityTypeConfiguration<Document>
{
    /// <summary>The most text kept of one document for search (a 300-page scan has about 900,000 characters).</summary>
    public const int MaxTextLength = 1_000_000, MaxTextProblemLength = 300;

    public void Configure(EntityTypeBuilder<Document> e)
    {
        e.Property(x => x.Title).HasMaxLength(300);
        // On MariaDB an indexed string would become varchar(255): the text needs a column that holds it (16 MB).
        e.Property(x => x.Text).HasMaxLength(MaxTextLength);
        if (!sqlite) e.Property(x => x.Text).HasColumnType("mediumtext");
        e.Property(x => x.TextProblem).HasMaxLength(MaxTextProblemLength);
        e.Property(x => x.TransferNote).HasMaxLength(4000);
        // The default is for the rows that were there before types; EF writes every new row's type (no sentinel to skip).
        e.Property(x => x.Type).HasDefaultValue(DocumentType.Sonstiges).HasSentinel((DocumentType)(-1));
        e.HasOne(x => x.Case).WithMany(c => c.Documents).HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.InboxItem).WithMany(i => i.Documents).HasForeignKey(x => x.InboxItemId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.CaseId);
        e.HasIndex(x => x.InboxItemId);
        // The text reader's queue: documents not read yet.
        if (sqlite) e.HasIndex(x => x.Id, "IX_Documents_TextPending").HasFilter("\"Text\" IS NULL");
        // Full-text search: FTS5 (InboxSearch, DocumentSearch, outside the model) on SQLite, InnoDB FULLTEXT here on MariaDB:
        // the text for the inbox's search, title and text for the header search.
        else
        {
            e.HasIndex(x => x.Text).IsFullText();
            e.HasIndex(x => new { x.Title, x.Text }).IsFullText();
        }
    }
}

public sealed class DocumentVersionConfiguration : IEntityTypeConfiguration<DocumentVersion>
{
    public void Configure(EntityTypeBuilder<DocumentVersion> e)
    {
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.MimeType).HasMaxLength(100);
        e.Property(x => x.FileName).HasMaxLength(260);
        e.HasOne(x => x.Document).WithMany(d => d.Versions).HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.DocumentId, x.Number }).IsUnique();
        e.HasIndex(x => x.Sha256);
    }
}

public sealed class DeletedFileConfiguration : IEntityTypeConfiguration<DeletedFile>
{
    public void Configure(EntityTypeBuilder<DeletedFile> e)
    {
        e.Property(x => x.Reference).HasMaxLength(50);
        e.Property(x => x.DeletedBy).HasMaxLength(256);
        e.Property(x => x.PackageSha256).HasMaxLength(64);
        e.HasIndex(x => x.Reference);
        e.HasIndex(x => x.DeletedAt);
    }
}

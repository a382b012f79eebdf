using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Data;

// How the entities of Letters.cs map to tables. The county starts with a letterhead and a template per kind, which the
// administration then words as the county wants.

public sealed class LetterTemplateConfiguration : IEntityTypeConfiguration<LetterTemplate>
{
    public const int MaxSubject = 300, MaxBody = 20_000, MaxRemedy = 5_000, MaxName = 100;

    public void Configure(EntityTypeBuilder<LetterTemplate> e)
    {
        e.Property(x => x.Subject).HasMaxLength(MaxSubject);
        e.Property(x => x.Body).HasMaxLength(MaxBody);
        e.Property(x => x.RemedyNotice).HasMaxLength(MaxRemedy);
        e.Property(x => x.Name).HasMaxLength(MaxName).HasDefaultValue("");
        e.HasIndex(x => x.Kind); // several templates of a kind; the first (lowest Id) is the kind's own
        var at = new DateTime(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc);
        e.HasData(
            new LetterTemplate
            {
                Id = 1, Name = "Nachforderung", Kind = LetterKind.Nachforderung, UpdatedAt = at, Subject = "Ihr Antrag: {Leistung} – fehlende Unterlagen",
                Body = "Sehr geehrte Damen und Herren,\n\nfür die Bearbeitung Ihres Antrags auf {Leistung} benötigen wir noch folgende Unterlagen:\n\n- \n\n" +
                       "Bitte reichen Sie diese bis zum {Frist} ein. Geben Sie dabei bitte das Aktenzeichen {Aktenzeichen} an.\n\nMit freundlichen Grüßen\n{Sachbearbeitung}",
            },
            new LetterTemplate
            {
                Id = 2, Name = "Bescheid", Kind = LetterKind.Bescheid, UpdatedAt = at, Subject = "Bescheid über Ihren Antrag: {Leistung}",
                Body = "Sehr geehrte Damen und Herren,\n\nauf Ihren Antrag vom {Antragsdatum} ergeht folgender Bescheid:\n\n1. \n\nBegründung:\n\n\n" +
                       "Mit freundlichen Grüßen\n{Sachbearbeitung}",
                RemedyNotice = "Rechtsbehelfsbelehrung: Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden. " +
                               "Der Widerspruch ist schriftlich oder zur Niederschrift beim {Behörde}, {Anschrift}, einzulegen.",
            });
    }
}

public sealed class LetterheadConfiguration : IEntityTypeConfiguration<Letterhead>
{
    /// <summary>Office hours and bank details each: four short lines of the footer.</summary>
    public const int MaxFooterPart = 300;

    public void Configure(EntityTypeBuilder<Letterhead> e)
    {
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Authority).HasMaxLength(200);
        e.Property(x => x.Street).HasMaxLength(200);
        e.Property(x => x.PostalCodeCity).HasMaxLength(200);
        e.Property(x => x.Phone).HasMaxLength(100);
        e.Property(x => x.Email).HasMaxLength(200);
        e.Property(x => x.Website).HasMaxLength(200);
        e.Property(x => x.OfficeHours).HasMaxLength(MaxFooterPart);
        e.Property(x => x.BankDetails).HasMaxLength(MaxFooterPart);
        e.HasData(new Letterhead { Id = 1, Authority = "Landkreis Lindenau", Street = "Kreishausplatz 1", PostalCodeCity = "39100 Lindenau",
            Phone = "03901 500-0", Email = "post@lindenau.example", Website = "www.lindenau.example",
            OfficeHours = "Mo, Di, Do 8:00–12:00 Uhr\nDo 14:00–18:00 Uhr\nund nach Vereinbarung",
            BankDetails = "Sparkasse Lindenau\nIBAN DE12 8105 3272 0001 2345 67\nBIC NOLADE21LIN" });
    }
}

public sealed class LetterConfiguration : IEntityTypeConfiguration<Letter>
{
    public void Configure(EntityTypeBuilder<Letter> e)
    {
        e.Property(x => x.Subject).HasMaxLength(300);
        e.HasOne(x => x.Case).WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Document).WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.CaseId);
        // The Postausgang: a unit's letters to post, newest first.
        e.HasIndex(x => new { x.UnitId, x.ByPost, x.PostedAt, x.CreatedAt });
        e.Property(x => x.CoSignedById).HasMaxLength(450);
    }
}

public sealed class LetterDraftConfiguration : IEntityTypeConfiguration<LetterDraft>
{
    public void Configure(EntityTypeBuilder<LetterDraft> e)
    {
        e.Property(x => x.AuthorId).HasMaxLength(450);
        e.Property(x => x.AuthorName).HasMaxLength(300);
        e.Property(x => x.Subject).HasMaxLength(LetterTemplateConfiguration.MaxSubject);
        e.Property(x => x.Body).HasMaxLength(LetterTemplateConfiguration.MaxBody);
        e.Property(x => x.ReturnNote).HasMaxLength(2000);
        e.Property(x => x.ReturnedById).HasMaxLength(450);
        e.HasOne(x => x.Case).WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.CaseId, x.AuthorId }).IsUnique();
        // The Schlusszeichnung queue: a unit's submitted letters, oldest first.
        e.HasIndex(x => new { x.UnitId, x.State, x.SubmittedAt });
    }
}

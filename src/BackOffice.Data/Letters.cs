namespace BackOffice.Data;

public enum LetterKind { Nachforderung = 0, Bescheid = 1 }

/// <summary>
/// The text of a letter kind, as the administration words it, with placeholders ({Antragsteller}, {Aktenzeichen},
/// {Leistung}, {Frist}, {Sachbearbeitung}) that the letter fills in.
/// </summary>
public class LetterTemplate
{
    public int Id { get; set; }
    public LetterKind Kind { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    /// <summary>Rechtsbehelfsbelehrung: printed under every Bescheid.</summary>
    public string? RemedyNotice { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>The county's letterhead (one row): who writes, where, and how to reach them.</summary>
public class Letterhead
{
    public int Id { get; set; }
    public required string Authority { get; set; }
    public required string Street { get; set; }
    public required string PostalCodeCity { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Website { get; set; }
}

/// <summary>A letter sent from a case (Postausgang): its PDF is a document of the case; by portal or to print and post.</summary>
public class Letter : IUnitOwned
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public Case? Case { get; set; }
    public int UnitId { get; set; }
    public LetterKind Kind { get; set; }
    public required string Subject { get; set; }
    public int DocumentId { get; set; }
    public Document? Document { get; set; }
    /// <summary>Not through the portal: printed and posted by the unit.</summary>
    public bool ByPost { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedById { get; set; }
    /// <summary>When someone marked it printed and posted (letters by post only).</summary>
    public DateTime? PostedAt { get; set; }
}

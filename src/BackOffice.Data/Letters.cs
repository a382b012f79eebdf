namespace BackOffice.Data;

/// <summary>What a letter does to its case: a Nachforderung waits for documents, a Bescheid decides, a Schreiben leaves the status.</summary>
public enum LetterKind { Nachforderung = 0, Bescheid = 1, Schreiben = 2 }

/// <summary>
/// The text of a letter kind, as the administration words it, with placeholders ({Antragsteller}, {Aktenzeichen},
/// {Leistung}, {Frist}, {Sachbearbeitung}) that the letter fills in.
/// </summary>
public class LetterTemplate
{
    public int Id { get; set; }
    /// <summary>What the clerk chooses by ("Nachforderung", "Terminbestätigung").</summary>
    public string Name { get; set; } = "";
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
    /// <summary>Sprechzeiten, printed in the footer of every page (lines as entered).</summary>
    public string? OfficeHours { get; set; }
    /// <summary>Bankverbindung, printed in the footer of every page (lines as entered).</summary>
    public string? BankDetails { get; set; }
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
    /// <summary>Who signed it off (Schlusszeichnung) before it went, where the service asks for that.</summary>
    public string? CoSignedById { get; set; }
    public DateTime? CoSignedAt { get; set; }
}

public enum LetterDraftState { Draft = 0, Submitted = 1, Returned = 2 }

/// <summary>
/// A letter being written on a case, saved as the clerk types so that a reload or a lost connection loses nothing. One
/// per case and writer. Where the service asks for a Schlusszeichnung it is submitted, and then signed off (sent, and the
/// draft goes) or returned with a note by the head or a co-signer of the unit.
/// </summary>
public class LetterDraft : IUnitOwned
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public Case? Case { get; set; }
    public int UnitId { get; set; }
    public required string AuthorId { get; set; }
    /// <summary>The writer as the letter names them ("Anna Bauer", a deputy "Jonas Klein i. V. für Anna Bauer").</summary>
    public required string AuthorName { get; set; }
    public LetterKind Kind { get; set; }
    /// <summary>The template it was begun from (its Rechtsbehelfsbelehrung); null: the first of its kind.</summary>
    public int? TemplateId { get; set; }
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public LetterDraftState State { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    /// <summary>Why the co-signer gave it back, shown to the writer until they submit again.</summary>
    public string? ReturnNote { get; set; }
    public string? ReturnedById { get; set; }
    public DateTime? ReturnedAt { get; set; }
}

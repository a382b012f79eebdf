namespace BackOffice.Data;

/// <summary>A citizen portal allowed to deliver submissions; its key is stored only as a SHA-256 hash.</summary>
public class PortalClient
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>SHA-256 (hex) of the key. Keys are long random strings, so a fast hash is enough.</summary>
    public required string KeyHash { get; set; }
    /// <summary>The key's first characters, so that administrators can tell keys apart.</summary>
    public required string KeyPrefix { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public List<PortalClientUnit> Units { get; set; } = [];
}

/// <summary>A unit a portal client may deliver to.</summary>
public class PortalClientUnit
{
    public int PortalClientId { get; set; }
    public int OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }
}

/// <summary>An accepted portal submission: the key for retries, and the form data for the clerk.</summary>
public class Submission : IUnitOwned
{
    public int Id { get; set; }
    /// <summary>Chosen by the portal; a retry carries the same one.</summary>
    public Guid SubmissionId { get; set; }
    public int PortalClientId { get; set; }
    public int UnitId { get; set; }
    /// <summary>SHA-256 over the metadata and the attachments: tells a retry from a different submission.</summary>
    public required string ContentHash { get; set; }
    public int CaseId { get; set; }
    public Case? Case { get; set; }
    public int InboxItemId { get; set; }
    public InboxItem? InboxItem { get; set; }
    public required string InboxNumber { get; set; }
    public DateTime ReceivedAt { get; set; }
    public required string ServiceKey { get; set; }
    /// <summary>The metadata as received (applicant, form data, schema URI, attachment list).</summary>
    public required string MetadataJson { get; set; }
}

public enum OutboxKind { Nachforderung = 0, Bescheid = 1, Nachricht = 2 }

/// <summary>A message from a clerk to the applicant, waiting for the portal to fetch it.</summary>
public class OutboxMessage : IUnitOwned
{
    public long Id { get; set; }
    public int PortalClientId { get; set; }
    public int UnitId { get; set; }
    public int CaseId { get; set; }
    public Guid SubmissionId { get; set; }
    public OutboxKind Kind { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    /// <summary>The decision PDF, when there is one.</summary>
    public int? DocumentVersionId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
}

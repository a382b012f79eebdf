namespace BackOffice.Data;

/// <summary>
/// An append-only audit record. Each carries the hash of the one before, so that a changed or
/// removed record breaks the chain (see AuditChain).
/// </summary>
public class AuditEvent
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string Actor { get; set; } = "";
    /// <summary>"created", "changed", "deleted", "read", "signed-in", ...</summary>
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public string EntityId { get; set; } = "";
    public int? UnitId { get; set; }
    public string? Details { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}

namespace BackOffice.Data;

public enum InboxState { Neu = 0, Zugewiesen = 1, Erledigt = 2 }

/// <summary>Eingang: an incoming item, registered with a number, waiting in a unit's inbox.</summary>
public class InboxItem : IUnitOwned
{
    public int Id { get; set; }
    /// <summary>Registration number, e.g. "E-2026-000123".</summary>
    public required string Number { get; set; }
    public Channel Channel { get; set; }
    public DateTime ReceivedAt { get; set; }
    public int UnitId { get; set; }
    public OrgUnit? Unit { get; set; }
    public string? AssigneeId { get; set; }
    public AppUser? Assignee { get; set; }
    public InboxState State { get; set; }
    public required string Subject { get; set; }
    public string Sender { get; set; } = "";
    public int? CaseId { get; set; }
    public Case? Case { get; set; }
    /// <summary>Wiedervorlage: the item waits until then.</summary>
    public DateTime? ResubmitAt { get; set; }
    /// <summary>The note of the last forwarding.</summary>
    public string? Note { get; set; }
    /// <summary>Raised by every change; two clerks acting on the same item: the second one learns of the first.</summary>
    public int Version { get; set; }
    public List<Document> Documents { get; set; } = [];
}

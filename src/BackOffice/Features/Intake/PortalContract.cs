using System.Text.Json.Serialization;

namespace BackOffice.Features.Intake;

// What the import API answers, one record per schema of openapi-v1.json (same names). The portal relies on
// these names: PortalContractTests compares every response with the published schema, property by property.
// SubmissionReceipt and SubmissionProblem live beside the intake that makes them (SubmissionMetadata.cs).

/// <summary>GET /api/v1/services: a service the client may deliver, and where it goes.</summary>
public sealed record ServiceInfo(string Key, string Name, string Destination, string DestinationName, int? DecisionDeadlineDays);

/// <summary>GET /api/v1/submissions/{id}.</summary>
public sealed record SubmissionStatus(Guid SubmissionId, int CaseId, string InboxNumber, string State, DateTime ReceivedAt,
    string Status, string StatusText, DateTime LastChangedAt);

/// <summary>GET /api/v1/cases/{id}/events: what the applicant may know of their case, oldest first.</summary>
public sealed record CaseEvents(int CaseId, Guid SubmissionId, IReadOnlyList<CaseEvent> Events);

/// <summary>One event; status fields for "status-changed", message fields for "message-sent", neither otherwise.</summary>
public sealed record CaseEvent(string Type, DateTime At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Status = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StatusText = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? MessageId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Kind = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Subject = null);

/// <summary>GET /api/v1/outbox: replies for the portal after a cursor.</summary>
public sealed record OutboxPage(IReadOnlyList<OutboxMessageInfo> Messages, long Cursor);

public sealed record OutboxMessageInfo(long MessageId, Guid SubmissionId, int CaseId, string Kind, string Subject, string Body,
    string? Document, DateTime CreatedAt, bool Delivered);

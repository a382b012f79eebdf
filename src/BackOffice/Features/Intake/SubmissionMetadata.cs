using System.Text.Json;
using System.Text.Json.Serialization;

namespace BackOffice.Features.Intake;

/// <summary>The "submission" part of a portal delivery. Every member is nullable so that a missing field becomes a named problem, not a parse error.</summary>
public sealed record SubmissionMetadata
{
    public Guid? SubmissionId { get; init; }
    public ServiceTypeRef? ServiceType { get; init; }
    public string? Destination { get; init; }
    public string? Municipality { get; init; }
    public ApplicantData? Applicant { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
    public JsonElement? Data { get; init; }
    public string? DataSchemaUri { get; init; }
    public List<AttachmentMetadata>? Attachments { get; init; }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

public sealed record ServiceTypeRef(string? Key, string? Name);

public sealed record ApplicantData(string? Name, string? Street, string? PostalCode, string? City, string? Email, DateOnly? BirthDate);

public sealed record AttachmentMetadata(string? AttachmentId, string? FileName, string? MimeType, string? Purpose, string? Sha512);

/// <summary>One fault in a delivery, as the problem document lists it.</summary>
public sealed record SubmissionProblem(string Code, string? Field, string? AttachmentId, string Detail);

/// <summary>The answer to an accepted delivery (and to each retry of it).</summary>
public sealed record SubmissionReceipt(Guid SubmissionId, int CaseId, string InboxNumber, string Status);

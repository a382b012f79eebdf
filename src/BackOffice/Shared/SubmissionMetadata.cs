using System.Text.Json;
using System.Text.Json.Serialization;

namespace BackOffice.Shared;

/// <summary>
/// The "submission" part of a portal delivery, as the intake checks it and the case keeps it. Every member is nullable so
/// that a missing field becomes a named problem, not a parse error. Shared: the case page, the Posteingang's preview
/// and letters read the applicant and the form from it.
/// </summary>
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

    /// <summary>A case's stored submission (its metadata as JSON), or null where there is none.</summary>
    public static SubmissionMetadata? Read(string? json) => json is null ? null : JsonSerializer.Deserialize<SubmissionMetadata>(json, Json);
}

public sealed record ServiceTypeRef(string? Key, string? Name);

public sealed record ApplicantData(string? Name, string? Street, string? PostalCode, string? City, string? Email, DateOnly? BirthDate);

public sealed record AttachmentMetadata(string? AttachmentId, string? FileName, string? MimeType, string? Purpose, string? Sha512);

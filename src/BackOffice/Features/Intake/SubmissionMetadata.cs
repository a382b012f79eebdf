namespace BackOffice.Features.Intake;

/// <summary>One fault in a delivery, as the problem document lists it.</summary>
public sealed record SubmissionProblem(string Code, string? Field, string? AttachmentId, string Detail);

/// <summary>The answer to an accepted delivery (and to each retry of it).</summary>
public sealed record SubmissionReceipt(Guid SubmissionId, int CaseId, string InboxNumber, string Status);

using BackOffice.Data;
using BackOffice.Infrastructure;

namespace BackOffice.Features.Files;

/// <summary>
/// How every case begins, whatever brought it (the portal's import, a clerk's "Vorgang anlegen", the demo's old files):
/// its number in its file, its service and municipality, and the decision deadline the service sets.
/// </summary>
public static class NewCases
{
    /// <param name="Number">The case's number in its file (FileNumbers.NextCaseNumberAsync, or the import's own count).</param>
    public sealed record Start(CaseFile File, int Number, int UnitId, string Subject, string ApplicantName, Channel Channel, DateTime ReceivedAt,
        Service? Service, int? MunicipalityId);

    /// <summary>The decision deadline a service sets, counted from receipt; none when the service sets none.</summary>
    public static DateTime? DueAt(Service? service, DateTime receivedAt) => service?.DecisionDeadlineDays is { } days ? receivedAt.AddDays(days) : null;

    /// <summary>
    /// A new case, "Eingegangen" at receipt; <paramref name="startedBy"/> (a clerk creating it from the inbox) starts
    /// work on it at once, so it is theirs and "In Bearbeitung". Not added to a context: the caller adds it with its file.
    /// </summary>
    public static Case Create(Start s, DateTime now, string? startedBy = null)
    {
        var @case = new Case
        {
            Reference = $"{s.File.Reference}/{s.Number}", CaseFile = s.File, UnitId = s.UnitId, ServiceId = s.Service?.Id, MunicipalityId = s.MunicipalityId,
            Subject = PlainText.Fit(s.Subject, 300), ApplicantName = PlainText.Fit(s.ApplicantName, 200), Channel = s.Channel,
            Status = startedBy is null ? CaseStatus.Eingegangen : CaseStatus.InBearbeitung, ReceivedAt = s.ReceivedAt, StatusChangedAt = now,
            DueAt = DueAt(s.Service, s.ReceivedAt), AssigneeId = startedBy,
        };
        @case.StatusChanges.Add(new CaseStatusChange { Status = CaseStatus.Eingegangen, ChangedAt = s.ReceivedAt });
        if (startedBy is not null) @case.StatusChanges.Add(new CaseStatusChange { Status = CaseStatus.InBearbeitung, ChangedAt = now, UserId = startedBy });
        return @case;
    }
}

using BackOffice.Features.Documents;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BackOffice.Data;
using BackOffice.Features.Files;
using BackOffice.Features.Inbox;
using BackOffice.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Intake;

/// <summary>
/// Turns one portal delivery into the back office's records: checks it, stores the attachments,
/// then hands it to the <see cref="IntakeWriter"/>, which creates (or finds) the file, the case, the
/// inbox item, the documents, the submission row and their audit events in one transaction. A crash
/// before the commit leaves none of the rows (and at most unreferenced files in the store); the
/// portal's retry then succeeds.
/// </summary>
public sealed class SubmissionIntake(IDbContextFactory<BackOfficeDb> factory, DocumentStore store, InboxEvents inboxEvents, IntakeWriter writer)
{
    /// <summary>Caps of one submission (also in the OpenAPI contract): more is refused with 422, never cut off.</summary>
    public const int MaxAttachments = 50, MaxFormFields = 500, MaxNameLength = 200, MaxFileNameLength = 200;

    private static int CountFields(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().Sum(p => 1 + CountFields(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().Sum(CountFields),
        _ => 0,
    };

    /// <summary>The API's answer to a delivery, one per HTTP status (PortalApi maps them); not a message for a person.</summary>
    public abstract record Reply;
    public sealed record Accepted(SubmissionReceipt Receipt, bool Created) : Reply;
    public sealed record Invalid(IReadOnlyList<SubmissionProblem> Problems) : Reply;
    public sealed record Conflict(string Detail) : Reply;
    public sealed record NotGranted(string Detail) : Reply;

    public sealed record Caller(int ClientId, string Name, IReadOnlyList<int> GrantedUnits);

    private static readonly string[] Purposes = ["form", "attachment", "report"];

    public async Task<Reply> AcceptAsync(Caller caller, string metadataJson, IReadOnlyDictionary<string, byte[]> files, CancellationToken ct)
    {
        SubmissionMetadata? meta;
        string canonical;
        try
        {
            using var doc = JsonDocument.Parse(metadataJson);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return InvalidJson("submission", "Die Metadaten müssen ein JSON-Objekt sein.");
            canonical = JsonSerializer.Serialize(doc.RootElement);
            meta = doc.RootElement.Deserialize<SubmissionMetadata>(SubmissionMetadata.Json);
        }
        catch (JsonException e)
        {
            return InvalidJson(e.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "submission", $"Die Metadaten sind kein gültiges JSON: {e.Message}");
        }

        var problems = new List<SubmissionProblem>();
        void Missing(string field) => problems.Add(new("missing-field", field, null, $"Das Pflichtfeld \"{field}\" fehlt oder ist leer."));
        if (meta!.SubmissionId is null || meta.SubmissionId == Guid.Empty) Missing("submissionId");
        if (string.IsNullOrWhiteSpace(meta.ServiceType?.Key)) Missing("serviceType.key");
        if (string.IsNullOrWhiteSpace(meta.Destination)) Missing("destination");
        if (string.IsNullOrWhiteSpace(meta.Municipality)) Missing("municipality");
        if (string.IsNullOrWhiteSpace(meta.Applicant?.Name)) Missing("applicant.name");
        if (string.IsNullOrWhiteSpace(meta.Applicant?.Street)) Missing("applicant.street");
        if (string.IsNullOrWhiteSpace(meta.Applicant?.PostalCode)) Missing("applicant.postalCode");
        if (string.IsNullOrWhiteSpace(meta.Applicant?.City)) Missing("applicant.city");
        if (meta.SubmittedAt is null) Missing("submittedAt");
        if (meta.Data is not { ValueKind: JsonValueKind.Object }) Missing("data");
        if (string.IsNullOrWhiteSpace(meta.DataSchemaUri)) Missing("dataSchemaUri");
        if (meta.Attachments is null) Missing("attachments");

        var before = problems.Count;
        if (meta.Attachments is { Count: > MaxAttachments })
            problems.Add(new("too-many-attachments", "attachments", null, $"Eine Einreichung darf höchstens {MaxAttachments} Anlagen haben, diese hat {meta.Attachments.Count}."));
        if (meta.Data is { ValueKind: JsonValueKind.Object } data && CountFields(data) is var fields && fields > MaxFormFields)
            problems.Add(new("too-many-fields", "data", null, $"Die Antragsdaten dürfen höchstens {MaxFormFields} Felder haben, diese haben {fields}."));
        if (meta.Applicant?.Name is { Length: > MaxNameLength })
            problems.Add(new("too-long", "applicant.name", null, $"Der Name darf höchstens {MaxNameLength} Zeichen lang sein."));
        foreach (var (a, i) in (meta.Attachments ?? []).Select((a, i) => (a, i)).Where(x => x.a.FileName is { Length: > MaxFileNameLength }))
            problems.Add(new("too-long", $"attachments[{i}].fileName", a.AttachmentId, $"Ein Dateiname darf höchstens {MaxFileNameLength} Zeichen lang sein."));
        // Over a cap: the rest is not checked (hashing a thousand attachments is what the cap prevents).
        if (problems.Count > before) return new Invalid(problems);

        var attachments = meta.Attachments ?? [];
        var announced = new HashSet<string>();
        foreach (var (a, i) in attachments.Select((a, i) => (a, i)))
        {
            var field = $"attachments[{i}]";
            if (string.IsNullOrWhiteSpace(a.AttachmentId)) { Missing(field + ".attachmentId"); continue; }
            var id = a.AttachmentId;
            if (!announced.Add(id)) { problems.Add(new("duplicate-attachment", field, id, "Diese attachmentId ist mehrfach angekündigt.")); continue; }
            if (string.IsNullOrWhiteSpace(a.FileName)) Missing(field + ".fileName");
            else if (PlainText.FileNameProblem(a.FileName) is not null || a.FileName.Contains('/') || a.FileName.Contains('\\'))
                problems.Add(new("invalid-file-name", field + ".fileName", id, "Der Dateiname darf keine Steuer- oder Richtungszeichen (etwa U+202E) und keine Pfadangaben enthalten."));
            if (a.Purpose is null || !Purposes.Contains(a.Purpose))
                problems.Add(new("invalid-purpose", field + ".purpose", id, "purpose muss \"form\", \"attachment\" oder \"report\" sein."));
            var allowed = FileTypes.IsAllowed(a.MimeType);
            if (!allowed) problems.Add(new("unsupported-media-type", field + ".mimeType", id, "Erlaubt sind application/pdf, image/png, image/jpeg und image/tiff."));
            if (!files.TryGetValue(id, out var bytes))
            {
                problems.Add(new("attachment-missing", field, id, "Die angekündigte Anlage wurde nicht mitgesendet."));
                continue;
            }
            if (allowed && !FileTypes.Matches(a.MimeType!, bytes))
                problems.Add(new("content-mismatch", field + ".mimeType", id, $"Der Inhalt ist kein {a.MimeType}."));
            if (a.Sha512 is null || !a.Sha512.Equals(Convert.ToHexString(SHA512.HashData(bytes)), StringComparison.OrdinalIgnoreCase))
                problems.Add(new("hash-mismatch", field + ".sha512", id, "Der SHA-512-Hashwert passt nicht zum Inhalt der Anlage."));
        }
        foreach (var extra in files.Keys.Where(k => !announced.Contains(k)))
            problems.Add(new("attachment-unannounced", null, extra, "Diese Anlage wurde gesendet, steht aber nicht in den Metadaten."));

        await using var db = await factory.CreateDbContextAsync(ct);
        // System scope: the client's grants are checked here, and it only ever sees what it delivered.
        db.Scope = UnitScope.System;
        db.Actor = caller.Name;

        var unit = meta.Destination is null ? null : await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Key == meta.Destination, ct);
        if (unit is not null && !caller.GrantedUnits.Contains(unit.Id))
            return new NotGranted($"Die Empfangsstelle \"{meta.Destination}\" ist für diesen Zugang nicht freigegeben.");
        var service = meta.ServiceType?.Key is null ? null : await db.Services.AsNoTracking().SingleOrDefaultAsync(s => s.Key == meta.ServiceType.Key, ct);
        var municipality = meta.Municipality is null ? null : await db.Municipalities.AsNoTracking().SingleOrDefaultAsync(m => m.Key == meta.Municipality, ct);
        if (meta.Destination is not null && unit is null)
            problems.Add(new("unknown-destination", "destination", null, $"Die Empfangsstelle \"{meta.Destination}\" gibt es nicht."));
        if (meta.ServiceType?.Key is not null && service is null)
            problems.Add(new("unknown-service", "serviceType.key", null, $"Die Leistung \"{meta.ServiceType.Key}\" gibt es nicht."));
        if (meta.Municipality is not null && municipality is null)
            problems.Add(new("unknown-municipality", "municipality", null, $"Die Gemeinde \"{meta.Municipality}\" gehört nicht zum Kreis."));
        if (unit is not null && service is not null && service.UnitId != unit.Id)
            problems.Add(new("destination-not-responsible", "destination", null, $"\"{unit.Name}\" ist für \"{service.Name}\" nicht zuständig."));
        if (problems.Count > 0) return new Invalid(problems);

        var submissionId = meta.SubmissionId!.Value;
        var contentHash = ContentHash(canonical, attachments);
        if (await ExistingAsync(db, caller, submissionId, contentHash, ct) is { } earlier) return earlier;

        // Bytes first (flushed and renamed into place), rows after: no row ever names a missing file.
        var stored = new Dictionary<string, (string Sha256, long Size)>();
        foreach (var a in attachments) stored[a.AttachmentId!] = (await store.PutAsync(files[a.AttachmentId!], ct), files[a.AttachmentId!].Length);

        var pending = new IntakeWriter.Pending(caller, meta, canonical, contentHash, unit!, service!, municipality!, stored);
        var outcome = await writer.WriteAsync(pending, ct);
        if (outcome is Accepted { Created: true }) inboxEvents.Publish(unit!.Id);
        return outcome;
    }

    private static Invalid InvalidJson(string field, string detail) => new([new SubmissionProblem("invalid-json", field, null, detail)]);

    private static string ContentHash(string canonicalMetadata, IEnumerable<AttachmentMetadata> attachments)
    {
        var text = new StringBuilder(canonicalMetadata);
        foreach (var a in attachments.OrderBy(a => a.AttachmentId, StringComparer.Ordinal))
            text.Append('\n').Append(a.AttachmentId).Append(':').Append(a.Sha512?.ToLowerInvariant());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>A retry gets the first answer again; the same id with other content, or from another client, is a conflict.</summary>
    internal static async Task<Reply?> ExistingAsync(BackOfficeDb db, Caller caller, Guid submissionId, string contentHash, CancellationToken ct)
    {
        var earlier = await db.Submissions.AsNoTracking().Where(s => s.SubmissionId == submissionId)
            .Select(s => new { s.PortalClientId, s.ContentHash, s.CaseId, s.InboxNumber }).SingleOrDefaultAsync(ct);
        if (earlier is null) return null;
        if (earlier.PortalClientId == caller.ClientId && earlier.ContentHash == contentHash)
            return new Accepted(new SubmissionReceipt(submissionId, earlier.CaseId, earlier.InboxNumber, "accepted"), Created: false);
        return new Conflict($"Die submissionId {submissionId} wurde bereits mit anderem Inhalt angenommen.");
    }
}

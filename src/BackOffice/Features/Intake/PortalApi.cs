using BackOffice.Features.Documents;
using System.Security.Claims;
using System.Globalization;
using BackOffice.Data;
using BackOffice.Features.Files;
using BackOffice.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Features.Intake;

/// <summary>
/// The import API for the citizen portal, on FIT-Connect's model: submissions in; state, events and
/// replies out. Every read is limited to what the calling client delivered.
/// </summary>
public static class PortalApi
{
    public static IServiceCollection AddPortalApi(this IServiceCollection services, PortalOptions options)
    {
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, PortalKeyHandler>(PortalKeys.Scheme, null);
        services.AddSingleton<SubmissionIntake>();
        services.AddSingleton<IntakeWriter>();
        return services;
    }

    public static void MapPortalApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/openapi/v1.json", () => Results.Stream(
            typeof(PortalApi).Assembly.GetManifestResourceStream("openapi-v1.json")!, "application/json")).AllowAnonymous();

        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = PortalKeys.Scheme })
            .AddEndpointFilter(LimitRateAsync);

        api.MapPost("/submissions", SubmitAsync).DisableAntiforgery();
        api.MapGet("/services", ServicesAsync);
        api.MapGet("/submissions/{submissionId:guid}", SubmissionStatusAsync);
        api.MapGet("/cases/{caseId:int}/events", CaseEventsAsync);
        api.MapGet("/outbox", OutboxAsync);
        api.MapPost("/outbox/{messageId:long}/ack", AckAsync);
        api.MapGet("/outbox/{messageId:long}/document", OutboxDocumentAsync);
    }

    /// <summary>
    /// Each client's request rate: <see cref="PortalOptions.RequestsPerSecond"/> sustained, bursts of
    /// <see cref="PortalOptions.Burst"/>, counted across the app's instances (<see cref="SharedCounters"/>); more get 429
    /// with Retry-After. It runs before the handler reads the body.
    /// </summary>
    private static async ValueTask<object?> LimitRateAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var portal = http.RequestServices.GetRequiredService<IOptions<BackOfficeOptions>>().Value.Portal;
        var counters = http.RequestServices.GetRequiredService<SharedCounters>();
        var client = http.User.FindFirstValue(PortalKeys.ClientIdClaim) ?? "anonymous";
        if (await counters.TakeAsync("portal-client:" + client, portal.RequestsPerSecond, portal.Burst) is not { } wait) return await next(context);
        var retryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        return Results.Problem(statusCode: 429, title: "Zu viele Anfragen",
            detail: $"Dieser Zugang hat sein Anfragekontingent ausgeschöpft. Bitte nach {retryAfter} s erneut senden.");
    }

    /// <summary>Metadata plus at most <see cref="SubmissionIntake.MaxAttachments"/> attachments, and a little room.</summary>
    public const int MaxParts = SubmissionIntake.MaxAttachments + 2;
    public const int MaxPartHeaderBytes = 8 * 1024;

    /// <summary>A body that cannot be read as multipart: each cause named, none of them a 500.</summary>
    private static IResult BrokenBody(Exception e, long limit)
    {
        var message = e.Message;
        // "body length limit" also comes for junk before the first boundary (with the reader's own 16 KB limit): only our limit means too large.
        if (e is BadHttpRequestException { StatusCode: 413 } || message.Contains($"body length limit {limit} ", StringComparison.OrdinalIgnoreCase) || message.Contains("Request body too large", StringComparison.OrdinalIgnoreCase))
            return Problem(413, "Zu groß", $"Eine Einreichung darf höchstens {limit / 1024 / 1024} MB groß sein.");
        if (message.Contains("count limit", StringComparison.OrdinalIgnoreCase))
            return Problem(422, "Ungültige Einreichung", $"Eine Einreichung darf höchstens {MaxParts} Teile haben.", [new("too-many-parts", null, null, $"Höchstens {MaxParts} Teile.")]);
        if (message.Contains("header", StringComparison.OrdinalIgnoreCase) || message.Contains("Line length", StringComparison.OrdinalIgnoreCase))
            return Problem(422, "Ungültige Einreichung", $"Die Kopfzeilen eines Teils sind zu lang (höchstens {MaxPartHeaderBytes / 1024} KB).", [new("part-header-too-long", null, null, "Kopfzeilen eines Teils zu lang.")]);
        if (e is IOException || message.Contains("end of", StringComparison.OrdinalIgnoreCase) || message.Contains("Unexpected", StringComparison.OrdinalIgnoreCase))
            return Problem(400, "Unvollständige Einreichung", "Der Inhalt endet mitten in einem Teil (abgebrochene Übertragung?). Bitte vollständig erneut senden.", [new("truncated-body", null, null, "Der multipart-Inhalt ist unvollständig.")]);
        return Problem(422, "Ungültige Einreichung", "Der multipart-Inhalt ist beschädigt.", [new("invalid-multipart", null, null, "Der multipart-Inhalt lässt sich nicht lesen.")]);
    }

    private static IResult Problem(int status, string title, string detail, IReadOnlyList<SubmissionProblem>? problems = null) =>
        Results.Problem(statusCode: status, title: title, detail: detail,
            extensions: problems is null ? null : new Dictionary<string, object?> { ["problems"] = problems });

    private static async Task<IResult> SubmitAsync(HttpContext http, SubmissionIntake intake, IOptions<BackOfficeOptions> options, CancellationToken ct)
    {
        var limit = options.Value.Portal.MaxSubmissionBytes;
        if (http.Request.ContentLength > limit)
            return Problem(413, "Zu groß", $"Eine Einreichung darf höchstens {limit / 1024 / 1024} MB groß sein.");
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        if (http.Request.Headers.ContentEncoding is { Count: > 0 } encoding && encoding.ToString() is not ("identity" or ""))
            return Problem(415, "Nicht unterstütztes Format", $"Content-Encoding \"{encoding}\" wird nicht unterstützt; bitte unkomprimiert senden.",
                [new("unsupported-content-encoding", null, null, "Nur unkomprimierte Einreichungen werden angenommen.")]);
        if (!http.Request.HasFormContentType)
            return Problem(422, "Ungültige Einreichung", "Erwartet wird multipart/form-data.", [new("invalid-content-type", null, null, "Content-Type muss multipart/form-data sein.")]);

        IFormCollection form;
        try
        {
            // Parts up to 4 MB stay in memory (the default 64 KB would write every scan to a temp file first).
            form = await http.Request.ReadFormAsync(new FormOptions
            {
                MultipartBodyLengthLimit = limit, ValueLengthLimit = (int)Math.Min(limit, int.MaxValue), MemoryBufferThreshold = 4 * 1024 * 1024,
                ValueCountLimit = MaxParts, MultipartHeadersLengthLimit = MaxPartHeaderBytes,
            }, ct);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return BrokenBody(e, limit);
        }
        if (form.Files.Count + form.Count > MaxParts)
            return Problem(422, "Ungültige Einreichung", $"Eine Einreichung darf höchstens {MaxParts} Teile haben.", [new("too-many-parts", null, null, $"Höchstens {MaxParts} Teile.")]);

        // The metadata may come as a plain field or as a file part.
        string? metadata = form.TryGetValue("submission", out var value) ? value.ToString() : null;
        var files = new Dictionary<string, byte[]>();
        foreach (var file in form.Files)
        {
            await using var stream = file.OpenReadStream();
            using var buffer = new MemoryStream((int)file.Length);
            await stream.CopyToAsync(buffer, ct);
            if (file.Name == "submission") metadata ??= System.Text.Encoding.UTF8.GetString(buffer.ToArray());
            else files[file.Name] = buffer.ToArray();
        }
        if (string.IsNullOrWhiteSpace(metadata))
            return Problem(422, "Ungültige Einreichung", "Der Teil \"submission\" mit den Metadaten fehlt.", [new("missing-field", "submission", null, "Der Teil \"submission\" fehlt.")]);

        var caller = new SubmissionIntake.Caller(http.User.ClientId(), http.User.Identity!.Name!, http.User.GrantedUnits());
        return await intake.AcceptAsync(caller, metadata, files, ct) switch
        {
            SubmissionIntake.Accepted { Created: true } a => TypedResults.Created($"/api/v1/submissions/{a.Receipt.SubmissionId}", a.Receipt),
            SubmissionIntake.Accepted a => TypedResults.Ok(a.Receipt),
            SubmissionIntake.Invalid i => Problem(422, "Einreichung abgelehnt", $"Die Einreichung hat {i.Problems.Count} Fehler.", i.Problems),
            SubmissionIntake.Conflict c => Problem(409, "Konflikt", c.Detail),
            SubmissionIntake.NotGranted n => Problem(404, "Nicht gefunden", n.Detail),
            _ => throw new InvalidOperationException(),
        };
    }

    /// <summary>A context that sees only what this client delivered: the units it is granted.</summary>
    private static async Task<BackOfficeDb> OpenForClientAsync(IDbContextFactory<BackOfficeDb> factory, ClaimsPrincipal client, CancellationToken ct)
    {
        var db = await factory.CreateDbContextAsync(ct);
        db.Scope = UnitScope.Of(client.GrantedUnits());
        db.Actor = client.Identity!.Name!;
        return db;
    }

    private static async Task<IResult> ServicesAsync(ClaimsPrincipal client, IDbContextFactory<BackOfficeDb> factory, CancellationToken ct)
    {
        await using var db = await OpenForClientAsync(factory, client, ct);
        var units = db.Scope.UnitIds;
        var services = await db.Services.AsNoTracking().Where(s => units.Contains(s.UnitId)).OrderBy(s => s.Key)
            .Select(s => new ServiceInfo(s.Key, s.Name, s.Unit!.Key, s.Unit.Name, s.DecisionDeadlineDays))
            .ToListAsync(ct);
        return TypedResults.Ok(services);
    }

    private static string StatusCode(CaseStatus s) => s switch
    {
        CaseStatus.Eingegangen => "eingegangen",
        CaseStatus.InBearbeitung => "inBearbeitung",
        CaseStatus.Nachforderung => "nachforderung",
        CaseStatus.Entschieden => "entschieden",
        _ => "abgeschlossen",
    };

    private static async Task<IResult> SubmissionStatusAsync(Guid submissionId, ClaimsPrincipal client, IDbContextFactory<BackOfficeDb> factory, CancellationToken ct)
    {
        await using var db = await OpenForClientAsync(factory, client, ct);
        var clientId = client.ClientId();
        var s = await db.Submissions.AsNoTracking().Where(x => x.SubmissionId == submissionId && x.PortalClientId == clientId)
            .Select(x => new { x.SubmissionId, x.CaseId, x.InboxNumber, x.ReceivedAt, x.Case!.Status, x.Case.StatusChangedAt }).SingleOrDefaultAsync(ct);
        if (s is null) return Problem(404, "Nicht gefunden", "Diese Einreichung gibt es für diesen Zugang nicht.");
        return TypedResults.Ok(new SubmissionStatus(s.SubmissionId, s.CaseId, s.InboxNumber, "accepted", Utc(s.ReceivedAt),
            StatusCode(s.Status), Labels.Of(s.Status), Utc(s.StatusChangedAt)));
    }

    private static DateTime Utc(DateTime d) => DateTime.SpecifyKind(d, DateTimeKind.Utc);

    private static async Task<IResult> CaseEventsAsync(int caseId, ClaimsPrincipal client, IDbContextFactory<BackOfficeDb> factory, CancellationToken ct)
    {
        await using var db = await OpenForClientAsync(factory, client, ct);
        var clientId = client.ClientId();
        var submission = await db.Submissions.AsNoTracking().Where(s => s.CaseId == caseId && s.PortalClientId == clientId)
            .Select(s => new { s.SubmissionId, s.ReceivedAt }).SingleOrDefaultAsync(ct);
        if (submission is null) return Problem(404, "Nicht gefunden", "Diesen Vorgang gibt es für diesen Zugang nicht.");

        // Only what the applicant may know: no clerk names, no internal notes.
        var changes = await db.CaseStatusChanges.AsNoTracking().Where(c => c.CaseId == caseId && c.Status != CaseStatus.Eingegangen)
            .Select(c => new { c.ChangedAt, c.Status }).ToListAsync(ct);
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.CaseId == caseId && m.PortalClientId == clientId)
            .Select(m => new { m.Id, m.CreatedAt, m.Kind, m.Subject }).ToListAsync(ct);
        var events = new List<(int Order, CaseEvent Event)>
        {
            (0, new CaseEvent("received", Utc(submission.ReceivedAt))),
            (1, new CaseEvent("accepted", Utc(submission.ReceivedAt))),
        };
        events.AddRange(changes.Select(c => (2, new CaseEvent("status-changed", Utc(c.ChangedAt), Status: StatusCode(c.Status), StatusText: Labels.Of(c.Status)))));
        events.AddRange(messages.Select(m => (3, new CaseEvent("message-sent", Utc(m.CreatedAt), MessageId: m.Id, Kind: m.Kind.ToString().ToLowerInvariant(), Subject: m.Subject))));
        return TypedResults.Ok(new CaseEvents(caseId, submission.SubmissionId, events.OrderBy(e => e.Event.At).ThenBy(e => e.Order).Select(e => e.Event).ToList()));
    }

    private static async Task<IResult> OutboxAsync([FromQuery] long? after, [FromQuery] int? limit, ClaimsPrincipal client, IDbContextFactory<BackOfficeDb> factory, CancellationToken ct)
    {
        await using var db = await OpenForClientAsync(factory, client, ct);
        var clientId = client.ClientId();
        var cursor = after ?? 0;
        var take = Math.Clamp(limit ?? 50, 1, 200);
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.PortalClientId == clientId && m.Id > cursor).OrderBy(m => m.Id).Take(take)
            .Select(m => new { m.Id, m.SubmissionId, m.CaseId, m.Kind, m.Subject, m.Body, m.DocumentVersionId, m.CreatedAt, m.DeliveredAt })
            .ToListAsync(ct);
        return TypedResults.Ok(new OutboxPage(
            messages.Select(m => new OutboxMessageInfo(m.Id, m.SubmissionId, m.CaseId, m.Kind.ToString().ToLowerInvariant(), m.Subject, m.Body,
                m.DocumentVersionId is null ? null : $"/api/v1/outbox/{m.Id}/document", Utc(m.CreatedAt), m.DeliveredAt is not null)).ToList(),
            messages.Count > 0 ? messages[^1].Id : cursor));
    }

    private static async Task<IResult> AckAsync(long messageId, ClaimsPrincipal client, IDbContextFactory<BackOfficeDb> factory, CancellationToken ct)
    {
        await using var db = await OpenForClientAsync(factory, client, ct);
        var clientId = client.ClientId();
        var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == messageId && m.PortalClientId == clientId, ct);
        if (message is null) return Problem(404, "Nicht gefunden", "Diese Nachricht gibt es für diesen Zugang nicht.");
        message.DeliveredAt ??= DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        return Results.NoContent();
    }

    private static async Task<IResult> OutboxDocumentAsync(long messageId, ClaimsPrincipal client, IDbContextFactory<BackOfficeDb> factory, DocumentStore store, CancellationToken ct)
    {
        await using var db = await OpenForClientAsync(factory, client, ct);
        var clientId = client.ClientId();
        var version = await db.OutboxMessages.AsNoTracking().Where(m => m.Id == messageId && m.PortalClientId == clientId && m.DocumentVersionId != null)
            .Join(db.DocumentVersions, m => m.DocumentVersionId, v => v.Id, (m, v) => new { v.Sha256, v.MimeType, v.FileName })
            .SingleOrDefaultAsync(ct);
        if (version is null) return Problem(404, "Nicht gefunden", "Zu dieser Nachricht gibt es kein Dokument.");
        return Results.File(store.OpenRead(version.Sha256), version.MimeType, version.FileName);
    }
}

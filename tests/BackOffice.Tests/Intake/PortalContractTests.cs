using BackOffice.Features.Files;
using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using BackOffice.Data;
using BackOffice.Features.Intake;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BackOffice.Tests.Support.PortalRequests;

namespace BackOffice.Tests.Intake;

/// <summary>
/// Every answer of the import API matches the published contract (openapi-v1.json), property by property:
/// a renamed, missing, undocumented or mistyped property fails here before it breaks the portal.
/// </summary>
public class PortalContractTestsOnSqlite(AppFactory app) : PortalContractTests<AppFactory>(app);

public class PortalContractTestsOnMariaDb(MariaDbAppFactory app) : PortalContractTests<MariaDbAppFactory>(app);

public abstract class PortalContractTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFactory
{
    private HttpClient Portal() => app.Client().WithKey(DemoKey);

    [Fact]
    public async Task Every_response_of_every_endpoint_matches_its_published_schema()
    {
        var spec = JsonNode.Parse(await (await app.Client().GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync())!.AsObject();
        var checkedResponses = new List<string>();
        async Task Check(string method, string template, HttpResponseMessage response)
        {
            var errors = await ContractCheck.ResponseAsync(spec, method, template, response);
            Assert.True(errors.Count == 0, $"{method} {template} → {(int)response.StatusCode}:\n" + string.Join("\n", errors));
            checkedResponses.Add($"{method} {template} {(int)response.StatusCode}");
        }

        var id = Guid.NewGuid();
        await Check("post", "/api/v1/submissions", await Portal().SubmitAsync(id, Pdf()));
        await Check("post", "/api/v1/submissions", await Portal().SubmitAsync(id, Pdf())); // the retry: 200
        await Check("post", "/api/v1/submissions", await Portal().SubmitAsync(id, Pdf("antrag", "anders"))); // 409
        var meta = Metadata(Guid.NewGuid(), [Pdf()]);
        meta.Remove("applicant");
        await Check("post", "/api/v1/submissions", await Portal().PostAsync("/api/v1/submissions", Content(meta, [Pdf()]))); // 422
        await Check("post", "/api/v1/submissions", await app.Client().WithKey("falsch").SubmitAsync(Guid.NewGuid(), Pdf())); // 401
        await Check("get", "/api/v1/services", await Portal().GetAsync("/api/v1/services"));

        var receipt = await (await Portal().GetAsync($"/api/v1/submissions/{id}")).JsonAsync();
        var caseId = receipt.GetProperty("caseId").GetInt32();
        await Check("get", "/api/v1/submissions/{submissionId}", await Portal().GetAsync($"/api/v1/submissions/{id}"));
        await Check("get", "/api/v1/submissions/{submissionId}", await Portal().GetAsync($"/api/v1/submissions/{Guid.NewGuid()}")); // 404

        // Letters make every kind of event and messages with their PDFs.
        var letters = app.Services.GetRequiredService<LetterOut>();
        int unit;
        await using (var db = app.Data.Open(UnitScope.System)) unit = await db.OrgUnits.Where(u => u.Key == "50.1").Select(u => u.Id).SingleAsync();
        await using (var db = app.Data.Open(UnitScope.Of([unit])))
        {
            db.Actor = "clerk";
            Assert.True((await letters.SendLetterAsync(db, caseId, LetterKind.Nachforderung, "Fehlende Unterlagen", "Bitte den Arztbericht nachreichen.")).IsDone);
            Assert.True((await letters.SendLetterAsync(db, caseId, LetterKind.Bescheid, "Bewilligung", "Bewilligt.")).IsDone);
        }
        await Check("get", "/api/v1/cases/{caseId}/events", await Portal().GetAsync($"/api/v1/cases/{caseId}/events"));
        await Check("get", "/api/v1/cases/{caseId}/events", await Portal().GetAsync("/api/v1/cases/999999999/events")); // 404
        long messageId;
        await using (var db = app.Data.Open(UnitScope.System))
            messageId = await db.OutboxMessages.Where(m => m.CaseId == caseId).MaxAsync(m => m.Id);
        await Check("get", "/api/v1/outbox", await Portal().GetAsync($"/api/v1/outbox?after={messageId - 2}&limit=5"));
        await Check("get", "/api/v1/outbox/{messageId}/document", await Portal().GetAsync($"/api/v1/outbox/{messageId}/document"));
        await Check("get", "/api/v1/outbox/{messageId}/document", await Portal().GetAsync("/api/v1/outbox/999999999/document")); // 404
        await Check("post", "/api/v1/outbox/{messageId}/ack", await Portal().PostAsync($"/api/v1/outbox/{messageId}/ack", null));
        await Check("post", "/api/v1/outbox/{messageId}/ack", await Portal().PostAsync("/api/v1/outbox/999999999/ack", null)); // 404

        // Every documented path and method was called.
        var documented = spec["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(m => $"{m.Key} {p.Key}")).ToHashSet();
        Assert.Equal(documented.Order(), checkedResponses.Select(c => string.Join(' ', c.Split(' ')[..2])).Distinct().Order());
    }

    /// <summary>The records the API serialises carry exactly the schema's properties, also those a test response leaves out.</summary>
    [Theory]
    [InlineData(typeof(SubmissionReceipt), "SubmissionReceipt")]
    [InlineData(typeof(SubmissionStatus), "SubmissionStatus")]
    [InlineData(typeof(ServiceInfo), "ServiceInfo")]
    [InlineData(typeof(CaseEvents), "CaseEvents")]
    [InlineData(typeof(CaseEvent), "CaseEvent")]
    [InlineData(typeof(OutboxPage), "OutboxPage")]
    [InlineData(typeof(OutboxMessageInfo), "OutboxMessage")]
    public async Task Each_response_type_has_exactly_the_properties_of_its_schema(Type type, string schema)
    {
        var spec = JsonNode.Parse(await (await app.Client().GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync())!;
        var documented = spec["components"]!["schemas"]![schema]!["properties"]!.AsObject().Select(p => p.Key).Order();
        var serialised = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? p.Name)).Order();
        Assert.Equal(documented, serialised);
    }

    [Fact]
    public void The_checker_finds_renamed_missing_and_mistyped_properties()
    {
        var spec = JsonNode.Parse(typeof(ServiceInfo).Assembly.GetManifestResourceStream("openapi-v1.json")!)!.AsObject();
        var schema = spec["components"]!["schemas"]!["SubmissionReceipt"]!.AsObject();
        var good = JsonDocument.Parse("""{"submissionId":"8f0c3a58-5d1e-4a8f-9e64-3f1ad2f4b0aa","caseId":1,"inboxNumber":"E-2026-1","status":"accepted"}""").RootElement;
        Assert.Empty(ContractCheck.Value(spec, schema, good, "$"));
        var renamed = JsonDocument.Parse("""{"submissionID":"8f0c3a58-5d1e-4a8f-9e64-3f1ad2f4b0aa","caseId":1,"inboxNumber":"E-2026-1","status":"accepted"}""").RootElement;
        Assert.Equal(2, ContractCheck.Value(spec, schema, renamed, "$").Count); // missing submissionId, undocumented submissionID
        var mistyped = JsonDocument.Parse("""{"submissionId":"x","caseId":"1","inboxNumber":"E-2026-1","status":"ok"}""").RootElement;
        Assert.Equal(3, ContractCheck.Value(spec, schema, mistyped, "$").Count);
    }
}

/// <summary>A small checker for the part of OpenAPI 3.0 schemas that openapi-v1.json uses.</summary>
public static class ContractCheck
{
    public static async Task<List<string>> ResponseAsync(JsonObject spec, string method, string template, HttpResponseMessage response)
    {
        var status = ((int)response.StatusCode).ToString();
        var documented = spec["paths"]?[template]?[method]?["responses"]?[status];
        if (documented is null) return [$"status {status} is not documented"];
        var body = await response.Content.ReadAsByteArrayAsync();
        var content = documented["content"]?.AsObject();
        if (content is null) return body.Length == 0 ? [] : [$"body of {body.Length} bytes, but the contract documents none"];
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        if (content[mediaType] is not { } media) return [$"media type {mediaType} is not documented (documented: {string.Join(", ", content.Select(c => c.Key))})"];
        var schema = media["schema"]!.AsObject();
        if (schema["format"]?.GetValue<string>() == "binary") return body.Length > 0 ? [] : ["empty file"];
        return Value(spec, schema, JsonDocument.Parse(body).RootElement, "$");
    }

    public static List<string> Value(JsonObject spec, JsonObject schema, JsonElement value, string at)
    {
        var errors = new List<string>();
        Check(spec, schema, value, at, errors);
        return errors;
    }

    private static void Check(JsonObject spec, JsonObject schema, JsonElement value, string at, List<string> errors)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            schema = spec["components"]!["schemas"]![reference.Split('/')[^1]]!.AsObject();
        }
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (schema["nullable"]?.GetValue<bool>() != true) errors.Add($"{at}: null, but not nullable");
            return;
        }
        var type = schema["type"]?.GetValue<string>();
        switch (type)
        {
            case "object" when value.ValueKind != JsonValueKind.Object:
            case "array" when value.ValueKind != JsonValueKind.Array:
            case "string" when value.ValueKind != JsonValueKind.String:
            case "integer" when value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out _):
            case "boolean" when value.ValueKind is not (JsonValueKind.True or JsonValueKind.False):
                errors.Add($"{at}: expected {type}, got {value.ValueKind}");
                return;
            case "object":
                var properties = schema["properties"]?.AsObject() ?? [];
                foreach (var required in schema["required"]?.AsArray() ?? [])
                    if (!value.TryGetProperty(required!.GetValue<string>(), out _)) errors.Add($"{at}: required property {required} is missing");
                foreach (var p in value.EnumerateObject())
                {
                    if (properties[p.Name] is JsonObject ps) Check(spec, ps, p.Value, $"{at}.{p.Name}", errors);
                    else if (schema["additionalProperties"]?.GetValue<bool>() == false) errors.Add($"{at}: property {p.Name} is not in the contract");
                }
                break;
            case "array":
                var i = 0;
                foreach (var item in value.EnumerateArray()) Check(spec, schema["items"]!.AsObject(), item, $"{at}[{i++}]", errors);
                if (schema["maxItems"]?.GetValue<int>() is { } max && i > max) errors.Add($"{at}: {i} items, at most {max}");
                break;
            case "string":
                var text = value.GetString()!;
                var format = schema["format"]?.GetValue<string>();
                if (format == "uuid" && !Guid.TryParse(text, out _)) errors.Add($"{at}: '{text}' is not a uuid");
                if (format == "date-time" && !(DateTimeOffset.TryParse(text, out _) && (text.EndsWith('Z') || text.Contains('+'))))
                    errors.Add($"{at}: '{text}' is not a date-time with offset");
                if (schema["enum"]?.AsArray() is { } values && !values.Any(v => v!.GetValue<string>() == text)) errors.Add($"{at}: '{text}' is not one of the enum");
                break;
        }
    }
}

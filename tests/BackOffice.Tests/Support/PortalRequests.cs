using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using BackOffice.Infrastructure;

namespace BackOffice.Tests.Support;

/// <summary>Builds portal deliveries as the portal sends them: metadata part plus one part per attachment.</summary>
public static class PortalRequests
{
    public const string DemoKey = "demo-portal-key-2026";

    public sealed record Attachment(string Id, byte[] Bytes, string MimeType = "application/pdf", string Purpose = "form", string FileName = "antrag.pdf");

    public static JsonObject Metadata(Guid id, IEnumerable<Attachment> attachments, string service = "99107001001000", string destination = "50.1",
        string applicant = "Schulz, Martina", string? birthDate = null) => new()
    {
        ["submissionId"] = id.ToString(),
        ["serviceType"] = new JsonObject { ["key"] = service, ["name"] = "Eingliederungshilfe für Minderjährige" },
        ["destination"] = destination,
        ["municipality"] = "01099002",
        ["applicant"] = new JsonObject { ["name"] = applicant, ["street"] = "Lindenweg 4", ["postalCode"] = "24999", ["city"] = "Bad Erlenbach", ["email"] = "m.schulz@example.org", ["birthDate"] = birthDate },
        ["submittedAt"] = "2026-11-21T09:30:00Z",
        ["data"] = new JsonObject { ["kindName"] = "Lea Schulz", ["geburtsdatumKind"] = "2019-04-02", ["pflegegrad"] = 2, ["schulbegleitung"] = true },
        ["dataSchemaUri"] = "https://schema.lindenau.example/egh-minderjaehrige/1.0.json",
        ["attachments"] = new JsonArray(attachments.Select(a => (JsonNode)new JsonObject
        {
            ["attachmentId"] = a.Id, ["fileName"] = a.FileName, ["mimeType"] = a.MimeType, ["purpose"] = a.Purpose,
            ["sha512"] = Convert.ToHexStringLower(SHA512.HashData(a.Bytes)),
        }).ToArray()),
    };

    /// <summary>A PDF attachment; the same arguments give the same bytes (a PDF/A carries a random identifier, and the retry tests need equal content).</summary>
    public static Attachment Pdf(string id = "antrag", string text = "Antrag") => new(id, Made.GetOrAdd((id, text), k => SimplePdf.Create(k.Text, ["Eingliederungshilfe", k.Id])));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Id, string Text), byte[]> Made = new();

    public static MultipartFormDataContent Content(JsonObject metadata, IEnumerable<Attachment> files)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(metadata.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), "submission" },
        };
        foreach (var f in files)
        {
            var part = new ByteArrayContent(f.Bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(f.MimeType);
            content.Add(part, f.Id, f.FileName);
        }
        return content;
    }

    public static HttpClient WithKey(this HttpClient client, string key)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public static Task<HttpResponseMessage> SubmitAsync(this HttpClient client, Guid id, params Attachment[] files) =>
        client.PostAsync("/api/v1/submissions", Content(Metadata(id, files), files));

    /// <summary>Delivers one application with the demo key and a unique applicant; returns its inbox number.</summary>
    public static async Task<string> DeliverAsync(string baseUrl, string applicantSurname, string destination = "50.1", string service = "99107001001000")
    {
        using var api = new HttpClient { BaseAddress = new Uri(baseUrl) }.WithKey(DemoKey);
        var pdf = Pdf();
        var response = await api.PostAsync("/api/v1/submissions", Content(Metadata(Guid.NewGuid(), [pdf], service, destination, $"{applicantSurname}, Test {Guid.NewGuid():N}"), [pdf]));
        Xunit.Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("inboxNumber").GetString()!;
    }
}

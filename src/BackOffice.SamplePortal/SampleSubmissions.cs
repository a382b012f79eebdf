using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using BackOffice.Infrastructure;

namespace BackOffice.SamplePortal;

/// <summary>Realistic deliveries: German names and addresses, form data per service, small generated PDFs.</summary>
public sealed class SampleSubmissions(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] FirstNames = ["Anna", "Lukas", "Marie", "Jonas", "Sophie", "Elias", "Emilia", "Ben", "Hanna", "Paul", "Zeynep", "Mehmet", "Katarzyna", "Jürgen", "Ursula", "Dieter"];
    private static readonly string[] LastNames = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Krüger", "Yılmaz", "Nowak", "Lange", "Köhler", "Schäfer"];
    private static readonly string[] Streets = ["Hauptstraße", "Lindenweg", "Bahnhofstraße", "Am Markt", "Birkenallee", "Schulstraße", "Gartenweg", "Mühlenstraße", "Kirchplatz", "Rosenstraße"];
    private static readonly (string Key, string Name, string Zip)[] Places =
    [
        ("01099001", "Lindenau", "24980"), ("01099002", "Bad Erlenbach", "24981"), ("01099003", "Birkenfelde", "24983"),
        ("01099006", "Grünwalde", "24986"), ("01099011", "Neuenkirchen", "24991"), ("01099015", "Weidenau", "24995"),
    ];

    public sealed record Service(string Key, string Name, string Destination);

    public sealed record Delivery(Guid Id, JsonObject Metadata, List<(string Id, byte[] Bytes, string FileName)> Files)
    {
        public MultipartFormDataContent ToContent()
        {
            var content = new MultipartFormDataContent { { new StringContent(Metadata.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), "submission" } };
            foreach (var (id, bytes, fileName) in Files)
            {
                var part = new ByteArrayContent(bytes);
                part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
                content.Add(part, id, fileName);
            }
            return content;
        }
    }

    /// <param name="pdfBytes">Pads the application PDF to about this size (the load benchmark sends 200 KB), or 0 for a plain small one.</param>
    public Delivery Next(IReadOnlyList<Service> services, int pdfBytes = 0)
    {
        var service = services[_random.Next(services.Count)];
        var first = Pick(FirstNames);
        var last = Pick(LastNames);
        var place = Places[_random.Next(Places.Length)];
        var street = $"{Pick(Streets)} {_random.Next(1, 120)}";
        var id = Guid.NewGuid();
        var data = FormData(service, first, last);
        var pdf = SimplePdf.Create($"Antrag: {service.Name}", [$"Antragsteller: {first} {last}", $"Anschrift: {street}, {place.Zip} {place.Name}",
            .. data.Select(p => $"{p.Key}: {p.Value?.ToJsonString().Trim('"')}"), $"Vorgangsnummer Portal: {id}"]);
        if (pdfBytes > pdf.Length) pdf = Pad(pdf, pdfBytes);
        var files = new List<(string, byte[], string)> { ("antrag", pdf, "Antrag.pdf") };
        var metadata = new JsonObject
        {
            ["submissionId"] = id.ToString(),
            ["serviceType"] = new JsonObject { ["key"] = service.Key, ["name"] = service.Name },
            ["destination"] = service.Destination,
            ["municipality"] = place.Key,
            ["applicant"] = new JsonObject
            {
                ["name"] = $"{last}, {first}", ["street"] = street, ["postalCode"] = place.Zip, ["city"] = place.Name,
                ["email"] = $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}@example.org",
                ["birthDate"] = new DateOnly(1950 + _random.Next(55), 1 + _random.Next(12), 1 + _random.Next(28)).ToString("yyyy-MM-dd"),
            },
            ["submittedAt"] = DateTimeOffset.UtcNow.ToString("O"),
            ["data"] = data,
            ["dataSchemaUri"] = $"https://schema.lindenau.example/{service.Key}/1.0.json",
            ["attachments"] = new JsonArray(files.Select(f => (JsonNode)new JsonObject
            {
                ["attachmentId"] = f.Item1, ["fileName"] = f.Item3, ["mimeType"] = "application/pdf", ["purpose"] = "form",
                ["sha512"] = Convert.ToHexStringLower(SHA512.HashData(f.Item2)),
            }).ToArray()),
        };
        return new Delivery(id, metadata, files);
    }

    private JsonObject FormData(Service service, string first, string last) => service.Destination switch
    {
        "50.1" => new() { ["kindVorname"] = Pick(FirstNames), ["geburtsdatumKind"] = $"20{_random.Next(10, 23)}-0{_random.Next(1, 10)}-1{_random.Next(0, 9)}", ["pflegegrad"] = _random.Next(0, 4), ["schulbegleitungBeantragt"] = _random.Next(2) == 0, ["behandelnderArzt"] = $"Dr. {Pick(LastNames)}" },
        "50.2" => new() { ["kindVorname"] = Pick(FirstNames), ["betreuungsbeginn"] = $"2027-0{_random.Next(1, 9)}-01", ["wochenstunden"] = 15 + 5 * _random.Next(6), ["tagespflegeperson"] = $"{Pick(FirstNames)} {Pick(LastNames)}" },
        "50.3" => new() { ["pflegegrad"] = _random.Next(2, 6), ["versorgung"] = _random.Next(2) == 0 ? "ambulant" : "stationär", ["einkommenMonatlich"] = 900 + _random.Next(1500), ["vermoegenUnterFreibetrag"] = true },
        "51.1" or "51.2" => new() { ["anzahlKinder"] = 1 + _random.Next(3), ["alleinerziehend"] = _random.Next(2) == 0, ["unterhaltspflichtiger"] = $"{Pick(FirstNames)} {last}" },
        "32.1" => new() { ["kennzeichenWunsch"] = $"LI-{(char)('A' + _random.Next(26))}{(char)('A' + _random.Next(26))} {_random.Next(1, 9999)}", ["fahrzeugIdentNummer"] = $"WVW{_random.NextInt64(10_000_000_000_000, 99_999_999_999_999)}", ["evbNummer"] = $"{(char)('A' + _random.Next(26))}{_random.Next(100000, 999999)}" },
        _ => new() { ["aktenzeichenBussgeld"] = $"OWI-{_random.Next(100000, 999999)}", ["stellungnahme"] = $"Ich, {first} {last}, war zum Tatzeitpunkt nicht der Fahrer." },
    };

    private string Pick(string[] list) => list[_random.Next(list.Length)];

    private byte[]? _filler;

    /// <summary>
    /// A PDF grown to a size by a comment after its end, as a scan of several pages would be. The
    /// filler is made once; each copy is already unique through its text, so every file is stored.
    /// </summary>
    private byte[] Pad(byte[] pdf, int size)
    {
        if (_filler is null || _filler.Length < size)
        {
            _filler = new byte[size];
            _random.NextBytes(_filler);
            for (var i = 0; i < _filler.Length; i++) _filler[i] = (byte)('a' + _filler[i] % 26);
            _filler[0] = (byte)'%';
        }
        var padded = new byte[size];
        pdf.CopyTo(padded, 0);
        _filler.AsSpan(0, size - pdf.Length).CopyTo(padded.AsSpan(pdf.Length));
        padded[^1] = (byte)'\n';
        return padded;
    }
}

using System.Net;
using System.Text.RegularExpressions;
using BackOffice.Data;
using BackOffice.Features.Access;
using BackOffice.Features.Demo;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Access;

/// <summary>
/// Issue 9, defects 4, 13, 14, 26-29, 32, 33: what the sign-in form sends back, how long input may be, sign-out,
/// odd addresses, security headers and the German error pages, through the real HTTP pipeline.
/// </summary>
public class SessionAndHeaderTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string Token(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

    [Fact]
    public async Task A_failed_sign_in_never_sends_the_typed_password_back()
    {
        var response = await AppFactory.SignInAsync(app.Client(), "clerk", "Geheim-Falsch-4711");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Benutzername oder Passwort ist falsch", html);
        Assert.DoesNotContain("Geheim-Falsch-4711", html);
    }

    [Theory]
    [InlineData("%2Fvorg%C3%A4nge", "/vorg%C3%A4nge")]
    [InlineData("%2Fposteingang%3Feingang%3DM%25C3%25BCller%2520%2526%2520S%25C3%25B6hne", "/posteingang?eingang=M%C3%BCller%20%26%20S%C3%B6hne")]
    [InlineData("https%3A%2F%2Fboese.example%2F", "/")]
    [InlineData("%2F%2Fboese.example", "/")]
    public async Task A_return_address_with_any_characters_leads_back_after_signing_in_and_never_off_the_site(string returnUrl, string expected)
    {
        var client = app.Client();
        var path = $"/anmelden?ReturnUrl={returnUrl}";
        var form = await client.GetStringAsync(path);
        var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin", ["__RequestVerificationToken"] = Token(form),
            ["Input.UserName"] = "clerk2", ["Input.Password"] = DemoCounty.Password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = new Uri(new Uri("http://localhost"), response.Headers.Location!);
        Assert.Equal(("localhost", expected), (target.Host, target.PathAndQuery));
    }

    [Fact]
    public async Task A_password_set_by_the_administration_opens_nothing_but_changing_it()
    {
        var hasher = new Microsoft.AspNetCore.Identity.PasswordHasher<AppUser>();
        string first;
        await using (var db = app.Data.Open(UnitScope.Nothing))
        {
            db.Actor = "admin";
            var unit = await db.OrgUnits.Where(u => u.Key == "50.1").Select(u => u.Id).SingleAsync();
            var created = await BackOffice.Features.Administration.UserAccounts.CreateAsync(db, hasher,
                new("h.neu", "Hanna Neu", Roles.Head, [unit]));
            first = created.Password!;
            var trail = await db.AuditEvents.Where(e => e.Action == "user-created").OrderBy(e => e.Id).LastAsync();
            Assert.Contains("h.neu (Hanna Neu): Fachbereichsleitung, Einheiten 50.1; erstes Passwort, bei der ersten Anmeldung zu ändern", trail.Details);
        }
        var client = app.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await AppFactory.SignInAsync(client, "h.neu", first)).StatusCode);
        foreach (var path in new[] { "/posteingang", "/vorgaenge", "/dokumente/1/download", "/statistiken" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/passwort-aendern", response.Headers.Location!.OriginalString);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null)).StatusCode);

        var page = await client.GetStringAsync("/passwort-aendern");
        Assert.Contains("mindestens 12 Zeichen", page);
        var changed = await client.PostAsync("/passwort-aendern", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "password", ["__RequestVerificationToken"] = Token(page),
            ["Input.Current"] = first, ["Input.Next"] = "Hannas-eigenes-2026", ["Input.Repeat"] = "Hannas-eigenes-2026",
        }));
        Assert.Contains("Ihr Passwort ist geändert", await changed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/vorgaenge")).StatusCode);
        // The first password is gone.
        var again = await AppFactory.SignInAsync(app.Client(), "h.neu", first);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task An_oversized_user_name_is_refused_before_it_reaches_the_database_or_the_audit_trail()
    {
        var name = new string('x', 100_000);
        var response = await AppFactory.SignInAsync(app.Client(), name, "irgendwas");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Der Benutzername ist zu lang", await response.Content.ReadAsStringAsync());
        await using var db = app.Data.Open(UnitScope.System);
        Assert.False(await db.AuditEvents.AnyAsync(e => e.Actor.StartsWith("xxxxxxxxxx") || e.EntityId.StartsWith("xxxxxxxxxx")));
        Assert.True(await db.AuditEvents.MaxAsync(e => e.Actor.Length) <= 256);
    }

    [Fact]
    public async Task Sign_out_ends_the_session_for_every_copy_of_the_cookie()
    {
        var client = app.Client();
        var signIn = await AppFactory.SignInAsync(client, "head", DemoCounty.Password);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("BackOffice.Auth=")).Split(';')[0];
        var page = await client.GetAsync("/posteingang");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        // Without the antiforgery token sign-out is refused (a foreign page cannot sign users out).
        var forged = await client.PostAsync("/abmelden", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var signOut = await client.PostAsync("/abmelden", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(await page.Content.ReadAsStringAsync()) }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        // The old cookie, sent again as a copied browser would send it, opens nothing.
        var replay = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/posteingang");
        request.Headers.Add("Cookie", cookie);
        var again = await replay.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("/anmelden", again.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_return_address_with_umlauts_or_control_characters_works_after_sign_in()
    {
        var client = app.Client();
        var form = await client.GetStringAsync("/anmelden?ReturnUrl=%2Fposteingang%3Feingang%3DM%C3%BCller");
        var response = await client.PostAsync("/anmelden?ReturnUrl=%2Fposteingang%3Feingang%3DM%C3%BCller", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin", ["__RequestVerificationToken"] = Token(form), ["Input.UserName"] = "clerk", ["Input.Password"] = DemoCounty.Password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/posteingang?eingang=M%C3%BCller", response.Headers.Location!.PathAndQuery);
        Assert.True(response.Headers.Location.OriginalString.All(char.IsAscii));
        // No item has that number: the page answers 404 with its list (it used to be a 500).
        var page = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("Posteingang", await page.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/posteingang?eingang=a%00b")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/posteingang?eingang=%22%2A%3A%28")).StatusCode);
        Assert.Equal("/", SignIn.SafeReturnUrl("/x\0y"));
        Assert.Equal("/", SignIn.SafeReturnUrl("//evil.example/"));
        Assert.Equal("/", SignIn.SafeReturnUrl("/\\evil.example/"));
        Assert.Equal("/", SignIn.SafeReturnUrl("https://evil.example/"));
    }

    [Fact]
    public async Task Pages_and_documents_carry_security_headers_and_documents_are_never_cached()
    {
        var client = await app.SignedInAsync("clerk");
        var page = await client.GetAsync("/posteingang");
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("SAMEORIGIN", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.True(page.Headers.CacheControl?.NoStore);

        await using var db = app.Data.Open(UnitScope.System);
        var version = await db.DocumentVersions.Where(v => v.Document!.Case!.Unit!.Key == "50.1").Select(v => v.Id).FirstAsync();
        foreach (var path in new[] { $"/dokumente/{version}", $"/dokumente/{version}/ansicht", $"/dokumente/{version}/download" })
        {
            var doc = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, doc.StatusCode);
            Assert.Equal("nosniff", doc.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Contains("default-src 'none'", doc.Headers.GetValues("Content-Security-Policy").Single());
            Assert.True(doc.Headers.CacheControl?.NoStore, path);
        }
        // Over plain http no HSTS (it would lock make run's users out); over https it is sent.
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        var https = app.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        Assert.True((await https.GetAsync("/health")).Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Unknown_addresses_and_errors_get_german_pages_and_the_api_gets_problems()
    {
        var client = await app.SignedInAsync("clerk");
        var missing = await client.GetAsync("/gibt-es-nicht");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var html = await missing.Content.ReadAsStringAsync();
        Assert.Contains("Seite nicht gefunden", html);
        Assert.Contains("lang=\"de\"", html);

        var error = await client.GetAsync("/fehler");
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Contains("Ein Fehler ist aufgetreten", await error.Content.ReadAsStringAsync());

        var api = await app.Client().WithKey(PortalRequests.DemoKey).GetAsync("/api/v1/gibt-es-nicht");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Guessing_from_one_address_is_throttled_and_unknown_names_take_as_long_as_known_ones()
    {
        await using var own = new AppFactory(); // its own counters, so that the other tests' sign-ins are not throttled
        await own.InitializeAsync();
        var client = own.Client();
        // Timing: an unknown name used to answer in 4 ms, a known one in 60 ms (the password hash). Known and unknown take
        // turns, so that other tests' load on the machine falls on both alike; medians of five each.
        var (knownTimes, unknownTimes) = (new List<double>(), new List<double>());
        await AppFactory.SignInAsync(client, "warmup", "falsch");
        for (var i = 0; i < 5; i++)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await AppFactory.SignInAsync(client, "clerk2", "falsch");
            knownTimes.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await AppFactory.SignInAsync(client, $"unbekannt{i}", "falsch");
            unknownTimes.Add(watch.Elapsed.TotalMilliseconds);
        }
        var known = knownTimes.Order().ElementAt(2);
        var unknown = unknownTimes.Order().ElementAt(2);
        Assert.True(unknown > known * 0.4, $"unknown name {unknown:0} ms, known name {known:0} ms");
        for (var i = 0; i < SignInThrottle.FailuresPerAddress - 11; i++)
            await AppFactory.SignInAsync(client, $"niemand{i}", "falsch");
        // Over the limit, a wrong password is answered late and audited ...
        var late = System.Diagnostics.Stopwatch.StartNew();
        var wrong = await AppFactory.SignInAsync(client, "clerk3", "falsch");
        Assert.True(late.Elapsed >= SignInThrottle.FailureDelay * 0.9, $"answered after {late.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode); // no redirect: not signed in
        Assert.Contains("sehr viele fehlgeschlagene Anmeldungen", await wrong.Content.ReadAsStringAsync());
        await using (var db = own.Data.CreateDbContext())
            Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "sign-in-throttled" && e.EntityId == "clerk3"));
        // ... but whoever knows their password still signs in from the same address.
        var right = await AppFactory.SignInAsync(own.Client(), "clerk", DemoCounty.Password);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
    }
}

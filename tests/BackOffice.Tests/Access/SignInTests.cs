using System.Net;
using BackOffice.Data;
using BackOffice.Features.Access;
using BackOffice.Features.Administration;
using BackOffice.Features.Demo;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Access;

/// <summary>Sign-in, lockout, health and scoped pages through the real HTTP pipeline.</summary>
public class SignInTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Health_answers_when_the_database_answers()
    {
        var response = await app.Client().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_need_a_signed_in_user()
    {
        var response = await app.Client().GetAsync("/vorgaenge");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/anmelden", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_right_password_signs_in_and_sign_out_ends_the_session()
    {
        var client = app.Client();
        var response = await AppFactory.SignInAsync(client, "clerk", DemoCounty.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetAsync("/vorgaenge");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Anna Becker", await page.Content.ReadAsStringAsync());

        var html = await page.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var signOut = await client.PostAsync("/abmelden", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/vorgaenge")).StatusCode);
    }

    [Fact]
    public async Task Wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var client = app.Client();
        for (var i = 0; i < AccessSetup.MaxFailedSignIns - 1; i++)
        {
            var wrong = await AppFactory.SignInAsync(client, "mailroom", "falsch-" + i);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("Benutzername oder Passwort ist falsch", await wrong.Content.ReadAsStringAsync());
        }
        var last = await AppFactory.SignInAsync(client, "mailroom", "noch-falsch");
        Assert.Contains("gesperrt", await last.Content.ReadAsStringAsync());

        var right = await AppFactory.SignInAsync(client, "mailroom", DemoCounty.Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode); // no redirect: still locked
        Assert.Contains("gesperrt", await right.Content.ReadAsStringAsync());

        await using (var db = app.Data.Open(UnitScope.System))
            Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "sign-in-locked" && e.EntityId == "mailroom"));

        // The administration sees the lock and lifts it; then the right password signs in.
        await using (var db = app.Data.Open(UnitScope.Nothing))
        {
            db.Actor = "admin";
            var locked = await UserAccounts.QueryAsync(db, "mail", lockedOnly: true, DateTimeOffset.UtcNow, 0);
            var row = Assert.Single(locked.Rows);
            Assert.Equal("mailroom", row.UserName);
            Assert.Contains("entsperrt", (await UserAccounts.UnlockAsync(db, row.Id)).Message);
            Assert.Empty((await UserAccounts.QueryAsync(db, "mail", lockedOnly: true, DateTimeOffset.UtcNow, 0)).Rows);
        }
        var afterUnlock = await AppFactory.SignInAsync(app.Client(), "mailroom", DemoCounty.Password);
        Assert.Equal(HttpStatusCode.Redirect, afterUnlock.StatusCode);
        await using (var db = app.Data.Open(UnitScope.System))
            Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "unlock" && e.Actor == "admin" && e.Details == "mailroom"));
    }

    [Fact]
    public async Task A_case_of_another_unit_answers_404_and_reveals_nothing()
    {
        await using var db = app.Data.Open(UnitScope.System);
        var own = await db.Cases.Where(c => c.Unit!.Key == "50.1").Select(c => new { c.Id, c.Reference }).FirstAsync();
        var other = await db.Cases.Where(c => c.Unit!.Key == "50.2").Select(c => new { c.Id, c.Reference, c.ApplicantName }).FirstAsync();
        var client = await app.SignedInAsync("clerk");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/vorgaenge/{own.Id}")).StatusCode);
        var response = await client.GetAsync($"/vorgaenge/{other.Id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Vorgang nicht gefunden", html);
        Assert.DoesNotContain(other.Reference, html);
        Assert.DoesNotContain(other.ApplicantName, html);
    }

    [Fact]
    public async Task A_document_of_another_unit_answers_404()
    {
        await using var db = app.Data.Open(UnitScope.System);
        var own = await db.DocumentVersions.Where(v => v.Document!.Case!.Unit!.Key == "50.1").Select(v => v.Id).FirstAsync();
        var other = await db.DocumentVersions.Where(v => v.Document!.Case!.Unit!.Key == "50.2").Select(v => v.Id).FirstAsync();
        var client = await app.SignedInAsync("clerk");

        var ok = await client.GetAsync($"/dokumente/{own}");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("application/pdf", ok.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF", await ok.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/dokumente/{other}")).StatusCode);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "read" && e.EntityType == "Document" && e.Actor == "clerk"));
    }

    [Fact]
    public async Task A_role_cannot_open_pages_of_another_role()
    {
        var client = await app.SignedInAsync("controller");
        var response = await client.GetAsync("/verwaltung");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/kein-zugriff", response.Headers.Location!.AbsolutePath);
        var html = await (await client.GetAsync(response.Headers.Location)).Content.ReadAsStringAsync();
        Assert.Contains("Kein Zugriff", html);
        Assert.DoesNotContain("Portal-Zugänge", html);
    }
}

using BackOffice.Data;
using BackOffice.Features.Access;
using BackOffice.Features.Administration;
using BackOffice.Infrastructure;
using BackOffice.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Administration;

public class AdministrationTestsOnSqlite(SeededCounty county) : AdministrationTests<SeededCounty>(county);

public class AdministrationTestsOnMariaDb(SeededMariaDbCounty county) : AdministrationTests<SeededMariaDbCounty>(county);

/// <summary>The administration's use cases (accounts, units, Entra ID group mappings) and the Entra ID account rules, on both engines.</summary>
public abstract class AdministrationTests<TCounty>(TCounty county) : IClassFixture<TCounty> where TCounty : SeededCounty
{
    private readonly PasswordHasher<AppUser> _hasher = new();

    private BackOfficeDb Open() { var db = county.Db.Open(UnitScope.Nothing); db.Actor = "admin"; return db; }

    [Fact]
    public async Task A_new_local_account_gets_a_password_that_works_its_role_and_units_and_an_audit_entry()
    {
        var unit = await county.UnitIdAsync("50.2");
        UserAccounts.PasswordOutcome created;
        await using (var db = Open())
            created = await UserAccounts.CreateAsync(db, _hasher, new UserAccounts.Input("k.neumann", "Karla Neumann", Roles.Clerk, [unit]));
        Assert.True(created.Outcome.IsDone, created.Outcome.Message);
        Assert.Matches("^[A-Za-z2-9+!?#-]{16}$", created.Password!);

        await using var check = Open();
        var user = await check.Users.Include(u => u.Units).SingleAsync(u => u.UserName == "k.neumann");
        Assert.Equal(PasswordVerificationResult.Success, _hasher.VerifyHashedPassword(user, user.PasswordHash!, created.Password!));
        Assert.Equal((Roles.Clerk, "K.NEUMANN", "Karla Neumann"), (user.Role, user.NormalizedUserName, user.DisplayName));
        Assert.Equal([unit], user.Units.Select(u => u.OrgUnitId));
        var events = await check.AuditEvents.Where(e => e.EntityId == user.Id).ToListAsync();
        Assert.Contains(events, e => e.Action == "user-created" && e.Actor == "admin");
        Assert.DoesNotContain(events, e => e.Details != null && e.Details.Contains(created.Password!)); // the password is never logged
    }

    [Theory]
    [InlineData("clerk", "Schon da", Roles.Clerk, true, "gibt es schon")]
    [InlineData("mit leerzeichen", "X", Roles.Clerk, true, "Benutzername")]
    [InlineData("ohne.einheit", "X", Roles.Clerk, false, "mindestens eine")]
    [InlineData("admin.mit.einheit", "X", Roles.Admin, true, "keine Einheit")]
    [InlineData("ohne.name", " ", Roles.Clerk, true, "Namen")]
    [InlineData("falsche.rolle", "X", "Chef", true, "Rollen")]
    public async Task Wrong_input_is_refused_with_a_reason_and_creates_nothing(string userName, string name, string role, bool withUnit, string reason)
    {
        var unit = await county.UnitIdAsync("50.1");
        await using var db = Open();
        var before = await db.Users.CountAsync();
        var result = await UserAccounts.CreateAsync(db, _hasher, new UserAccounts.Input(userName, name, role, withUnit ? [unit] : []));
        Assert.IsType<RefusedOutcome>(result.Outcome);
        Assert.Contains(reason, result.Outcome.Message);
        Assert.Null(result.Password);
        Assert.Equal(before, await db.Users.CountAsync());
    }

    [Fact]
    public async Task Changing_rights_disabling_and_resetting_a_password_end_open_sessions()
    {
        var unit = await county.UnitIdAsync("50.1");
        await using (var db = Open()) await UserAccounts.CreateAsync(db, _hasher, new UserAccounts.Input("w.wechsel", "Willi Wechsel", Roles.Clerk, [unit]));
        var id = await county.UserIdAsync("w.wechsel");
        async Task<string> Stamp() { await using var db = Open(); return (await db.Users.SingleAsync(u => u.Id == id)).SecurityStamp!; }

        var stamp = await Stamp();
        await using (var db = Open()) Assert.True((await UserAccounts.UpdateAsync(db, id, new UserAccounts.Input("", "Willi Wechsel-Neu", Roles.Clerk, [unit]), "admin-id")).IsDone);
        Assert.Equal(stamp, await Stamp()); // only the name changed: sessions go on
        var head = await county.UnitIdAsync("50");
        await using (var db = Open()) Assert.True((await UserAccounts.UpdateAsync(db, id, new UserAccounts.Input("", "Willi Wechsel-Neu", Roles.Head, [head]), "admin-id")).IsDone);
        Assert.NotEqual(stamp, stamp = await Stamp());

        var adminId = await county.UserIdAsync("admin");
        await using (var db = Open()) Assert.IsType<RefusedOutcome>(await UserAccounts.SetDisabledAsync(db, adminId, true, adminId));
        await using (var db = Open()) Assert.True((await UserAccounts.SetDisabledAsync(db, id, true, adminId)).IsDone);
        Assert.NotEqual(stamp, stamp = await Stamp());
        await using (var db = Open()) Assert.IsType<StaleOutcome>(await UserAccounts.SetDisabledAsync(db, id, true, adminId));

        UserAccounts.PasswordOutcome reset;
        await using (var db = Open()) reset = await UserAccounts.ResetPasswordAsync(db, _hasher, id);
        Assert.NotEqual(stamp, await Stamp());
        await using var check = Open();
        var user = await check.Users.Include(u => u.Units).SingleAsync(u => u.Id == id);
        Assert.True(user.Disabled);
        Assert.Equal((Roles.Head, "Willi Wechsel-Neu"), (user.Role, user.DisplayName));
        Assert.Equal(PasswordVerificationResult.Success, _hasher.VerifyHashedPassword(user, user.PasswordHash!, reset.Password!));
        string[] expected = ["user-created", "user-changed", "user-changed", "user-disabled", "password-reset"];
        Assert.Equal(expected, await check.AuditEvents.Where(e => e.EntityId == id && expected.Contains(e.Action)).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
    }

    [Fact]
    public async Task An_administrator_keeps_their_own_role_and_the_search_ignores_case()
    {
        var adminId = await county.UserIdAsync("admin");
        var unit = await county.UnitIdAsync("50.1");
        await using (var db = Open())
        {
            var refused = await UserAccounts.UpdateAsync(db, adminId, new UserAccounts.Input("", "Tobias Krüger", Roles.Clerk, [unit]), adminId);
            Assert.IsType<RefusedOutcome>(refused);
            Assert.Contains("eigene Rolle", refused.Message);
            Assert.True((await UserAccounts.UpdateAsync(db, adminId, new UserAccounts.Input("", "Tobias Krüger-Lang", Roles.Admin, []), adminId)).IsDone);
        }
        await using var check = Open();
        Assert.Equal(Roles.Admin, (await check.Users.SingleAsync(u => u.Id == adminId)).Role);
        foreach (var text in new[] { "BECKER", "becker", "anna b", "CLERK2", "krüger-lang" })
            Assert.NotEmpty((await UserAccounts.QueryAsync(check, text, false, DateTimeOffset.UtcNow, 0)).Rows);
        Assert.Empty((await UserAccounts.QueryAsync(check, "100%_", false, DateTimeOffset.UtcNow, 0)).Rows); // LIKE's wildcards are plain text here
    }

    [Fact]
    public async Task Names_of_accounts_and_units_keep_no_bidi_or_control_characters()
    {
        // "abc\u202Eevil" showed as "abclive" wherever the name appeared; notes and titles were already cleaned.
        var parent = await county.UnitIdAsync("50");
        await using (var db = Open())
        {
            Assert.True((await UserAccounts.CreateAsync(db, _hasher, new UserAccounts.Input("b.bidi", "Bea\u202Eevil\u0007 Bidi", Roles.Clerk, [await county.UnitIdAsync("50.2")]))).Outcome.IsDone);
            Assert.True((await OrgUnits.AddAsync(db, parent, "50.77", "Team \u202Eevil\u200F")).IsDone);
            Assert.Contains("Namen", (await OrgUnits.AddAsync(db, parent, "50.78", "\u202E\u202C")).Message); // nothing left: refused
        }
        await using var check = Open();
        Assert.Equal("Beaevil Bidi", await check.Users.Where(u => u.UserName == "b.bidi").Select(u => u.DisplayName).SingleAsync());
        Assert.Equal("Team evil", await check.OrgUnits.Where(u => u.Key == "50.77").Select(u => u.Name).SingleAsync());
    }

    [Fact]
    public async Task Units_are_added_under_their_parent_and_shown_in_tree_order()
    {
        var parent = await county.UnitIdAsync("50");
        await using (var db = Open())
        {
            Assert.True((await OrgUnits.AddAsync(db, parent, "50.10", "Teilhabe am Arbeitsleben")).IsDone);
            Assert.Contains("hat schon", (await OrgUnits.AddAsync(db, parent, "50.10", "Doppelt")).Message);
            var team = await county.UnitIdAsync("10.1.1");
            Assert.Contains("Team", (await OrgUnits.AddAsync(db, team, "10.1.1.1", "Zu tief")).Message);
        }
        await using var check = Open();
        var tree = await OrgUnits.TreeAsync(check);
        var keys = tree.Select(n => n.Key).ToList();
        var added = tree.Single(n => n.Key == "50.10");
        Assert.Equal(UnitLevel.Fachdienst, added.Level);
        Assert.True(keys.IndexOf("50.10") > keys.IndexOf("50.2"), "50.10 comes after 50.2 (numbers compared as numbers)");
        Assert.All(tree.Where(n => n.ParentId is not null), n => Assert.True(keys.IndexOf(tree.Single(p => p.Id == n.ParentId).Key) < keys.IndexOf(n.Key)));
    }

    [Fact]
    public async Task An_entra_account_gets_role_and_units_from_its_groups_at_every_sign_in()
    {
        var (g1, g2) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        var (u501, u502) = (await county.UnitIdAsync("50.1"), await county.UnitIdAsync("50.2"));
        await using (var db = Open())
        {
            Assert.True((await EntraGroups.AddAsync(db, g1, "FB50 Team 1", Roles.Clerk, u501)).IsDone);
            Assert.True((await EntraGroups.AddAsync(db, g2, "FB50 Team 2", Roles.Clerk, u502)).IsDone);
            Assert.Contains("nur eine Rolle", (await EntraGroups.AddAsync(db, g1, "", Roles.Head, u501)).Message);
        }
        var oid = Guid.NewGuid().ToString();
        async Task<EntraAccounts.Decision> SignIn(params string[] groups)
        {
            await using var db = Open();
            return await EntraAccounts.SignInAsync(db, new EntraAccounts.Claims(oid, $"{oid[..8]}@kreis.example", "Eva Entra", groups, false));
        }
        async Task<int[]> UnitsOf()
        {
            await using var db = Open();
            var userId = await db.Users.Where(u => u.EntraObjectId == oid).Select(u => u.Id).SingleAsync();
            return await db.UserUnits.Where(u => u.UserId == userId).Select(u => u.OrgUnitId).OrderBy(x => x).ToArrayAsync();
        }

        Assert.Equal(EntraAccounts.Refusal.NoRole, (await SignIn(Guid.NewGuid().ToString())).Refusal);
        Assert.Equal(Roles.Clerk, (await SignIn(g1, g2)).User!.Role);
        Assert.Equal(new[] { u501, u502 }.Order(), await UnitsOf());
        await SignIn(g2); // left group 1 in Entra ID
        Assert.Equal([u502], await UnitsOf());

        var id = await county.UserIdAsync($"{oid[..8]}@kreis.example");
        await using (var db = Open()) await UserAccounts.SetDisabledAsync(db, id, true, "someone-else");
        Assert.Equal(EntraAccounts.Refusal.Disabled, (await SignIn(g2)).Refusal);
        await using (var db = Open()) Assert.IsType<RefusedOutcome>((await UserAccounts.ResetPasswordAsync(db, _hasher, id)).Outcome);

        // A local account's name is never taken over by an Entra ID account.
        await using (var db = Open())
            Assert.Equal(EntraAccounts.Refusal.NameTaken, (await EntraAccounts.SignInAsync(db, new EntraAccounts.Claims(Guid.NewGuid().ToString(), "clerk", "Falsche Anna", [g1], false))).Refusal);
        await using (var db = Open())
            Assert.Equal(EntraAccounts.Refusal.TooManyGroups, (await EntraAccounts.SignInAsync(db, new EntraAccounts.Claims(oid, "x", "x", [], true))).Refusal);
    }
}

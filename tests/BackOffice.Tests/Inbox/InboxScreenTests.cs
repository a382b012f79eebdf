using System.Diagnostics;
using System.Security.Claims;
using BackOffice.Data;
using BackOffice.Features.Access;
using BackOffice.Features.Inbox;
using BackOffice.Tests.Support;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;

namespace BackOffice.Tests.Inbox;

public class InboxScreenOnSqliteTests(SeededCounty county) : InboxScreenTests<SeededCounty>(county);

public class InboxScreenOnMariaDbTests(SeededMariaDbCounty county) : InboxScreenTests<SeededMariaDbCounty>(county);

/// <summary>
/// The Posteingang without its page: an action on the previewed item, or on a selection of 20, opens one database
/// context and loads the list once; the navigation's count comes from the same context and other circuits hear of it.
/// </summary>
public abstract class InboxScreenTests<TCounty>(TCounty county) : IClassFixture<TCounty> where TCounty : SeededCounty
{
    /// <summary>Counts the contexts it makes, and the list queries (inbox items with an offset) they run.</summary>
    private sealed class CountingFactory(IDbContextFactory<BackOfficeDb> inner) : IDbContextFactory<BackOfficeDb>, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        private readonly HashSet<DbContext> _made = [];
        public int Contexts => _made.Count;
        public int ListLoads;

        public BackOfficeDb CreateDbContext()
        {
            var db = inner.CreateDbContext();
            lock (_made) _made.Add(db);
            return db;
        }

        public void Reset()
        {
            lock (_made) _made.Clear();
            ListLoads = 0;
        }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name) listener.Subscribe(this);
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Key != RelationalEventId.CommandExecuted.Name || e.Value is not CommandExecutedEventData data) return;
            bool ours;
            lock (_made) ours = data.Context is { } c && _made.Contains(c);
            if (ours && data.Command.CommandText.Contains("InboxItems") && data.Command.CommandText.Contains("OFFSET")) Interlocked.Increment(ref ListLoads);
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }

    private sealed class SignedIn(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }

    private async Task<(InboxScreen Screen, CountingFactory Factory, InboxEvents Events, InboxCounter Counter, string UserId)> ScreenAsync(string userName)
    {
        var userId = await county.UserIdAsync(userName);
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Name, userName)], "test"));
        var factory = new CountingFactory(county.Db);
        var userDb = new UserDb(factory, new UnitScopes(county.Db, new MemoryCache(new MemoryCacheOptions())), new SignedIn(principal));
        var (events, counter) = (new InboxEvents(), new InboxCounter());
        return (new InboxScreen(userDb, new Triage(userDb, events, counter)), factory, events, counter, userId);
    }

    private async Task AddItemsAsync(string unitKey, int count, string sender)
    {
        await using var db = county.Db.Open(UnitScope.System);
        var unit = await db.OrgUnits.SingleAsync(u => u.Key == unitKey);
        for (var i = 0; i < count; i++)
            db.InboxItems.Add(new InboxItem
            {
                Number = $"E-2026-8{Random.Shared.Next(1_000_000):D6}", Channel = Channel.Papier, ReceivedAt = DateTime.UtcNow.AddMinutes(-i), UnitId = unit.Id,
                RegisteredUnitId = unit.Id, Subject = "Schreiben", Sender = sender,
            });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task One_action_and_a_bulk_action_on_twenty_items_each_open_one_context_and_load_the_list_once()
    {
        var sender = $"Screen{Guid.NewGuid():N}"[..16];
        await AddItemsAsync("50.1", 25, sender);
        var (screen, factory, events, counter, me) = await ScreenAsync("clerk");
        var heard = new List<InboxEvents.Change>();
        events.Changed += heard.Add;
        using var subscription = DiagnosticListener.AllListeners.Subscribe(factory);

        await screen.OpenAsync(me, new InboxView { Text = sender });
        Assert.Equal(InboxView.PageSize, screen.Page!.Rows.Count);
        Assert.True(await screen.SelectAsync(0));
        var item = screen.Item!;

        factory.Reset();
        var assigned = await screen.ActAsync(Triage.Assign(me));
        Assert.True(assigned.IsDone, assigned.Message);
        Assert.Equal(1, factory.Contexts);
        Assert.Equal(1, factory.ListLoads);
        Assert.Equal(item.Number, screen.Item!.Number);
        Assert.Equal(me, screen.Item.AssigneeId); // the preview shows the change
        Assert.Equal(item.Version + 1, screen.Item.Version);
        var news = Assert.Single(heard);
        Assert.Same(counter, news.Origin); // this circuit has reloaded; others reload on the news

        foreach (var row in screen.Page.Rows) screen.Toggle(row);
        Assert.Equal(20, screen.Checked.Count);
        factory.Reset();
        heard.Clear();
        var bulk = await screen.BulkAsync(Triage.Assign(me), "zugewiesen");
        Assert.True(bulk.IsDone, bulk.Message);
        Assert.StartsWith("20 von 20 Eingängen zugewiesen", bulk.Message);
        Assert.Equal(1, factory.Contexts);
        Assert.Equal(1, factory.ListLoads);
        Assert.Empty(screen.Checked);
        Assert.Single(heard); // one unit changed: one piece of news, not twenty
        await using var check = county.Db.Open(UnitScope.System);
        Assert.Equal(25, await check.InboxItems.CountAsync(i => i.Sender == sender));
        Assert.Equal(20, await check.InboxItems.CountAsync(i => i.Sender == sender && i.AssigneeId == me));
    }

    [Fact]
    public async Task A_bulk_action_leaves_what_someone_else_changed_meanwhile_and_names_it()
    {
        var sender = $"Stale{Guid.NewGuid():N}"[..16];
        await AddItemsAsync("50.1", 3, sender);
        var (screen, _, _, _, me) = await ScreenAsync("clerk");
        await screen.OpenAsync(me, new InboxView { Text = sender });
        foreach (var row in screen.Page!.Rows) screen.Toggle(row);
        var taken = screen.Page.Rows[1];
        var (other, _, _, _, _) = await ScreenAsync("head");
        await other.OpenAsync(null, new InboxView { Text = sender });
        Assert.True(await other.SelectAsync(other.Page!.Rows.ToList().FindIndex(r => r.Id == taken.Id)));
        Assert.True((await other.ActAsync(Triage.MarkDone())).IsDone);

        var bulk = await screen.BulkAsync(Triage.Assign(me), "zugewiesen");
        Assert.False(bulk.IsDone);
        Assert.StartsWith("2 von 3 Eingängen zugewiesen. Nicht geändert:", bulk.Message);
        Assert.Contains(taken.Number, bulk.Message);
        await using var check = county.Db.Open(UnitScope.System);
        Assert.Null(await check.InboxItems.Where(i => i.Id == taken.Id).Select(i => i.AssigneeId).SingleAsync());
    }

    [Fact]
    public async Task The_preview_logs_the_read_and_a_link_to_another_units_item_is_refused()
    {
        var sender = $"Read{Guid.NewGuid():N}"[..16];
        await AddItemsAsync("50.2", 1, sender);
        await using (var db = county.Db.Open(UnitScope.System))
        {
            var number = await db.InboxItems.Where(i => i.Sender == sender).Select(i => i.Number).SingleAsync();
            var (screen, _, _, _, me) = await ScreenAsync("clerk"); // clerk works for 50.1 only
            await screen.OpenAsync(me, new InboxView { Selected = number });
            var refused = await screen.OpenSelectedAsync();
            Assert.NotNull(refused);
            Assert.Contains(number, refused.Message);
            Assert.Null(screen.Item);

            var (colleague, _, _, _, other) = await ScreenAsync("clerk2");
            await colleague.OpenAsync(other, new InboxView { Selected = number, Text = sender });
            Assert.Null(await colleague.OpenSelectedAsync());
            Assert.Equal(number, colleague.Item!.Number);
            Assert.Equal(0, colleague.SelectedIndex);
            var id = colleague.Item.Id.ToString();
            Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "read" && e.EntityType == nameof(InboxItem) && e.EntityId == id));
        }
    }
}

using System.Text.Json;
using BackOffice.Data;
using BackOffice.Features.Access;
using BackOffice.Features.Documents;
using BackOffice.Infrastructure;
using BackOffice.Shared;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Inbox;

/// <summary>
/// What the Posteingang shows and does, without the page: the list of the view in the address, the previewed item
/// with its documents and portal data (reading it is logged), the selection for bulk actions, and the actions. Each
/// operation opens one context: an action, the list it changed and the preview are written and read in it, and the
/// list is loaded once. The page only shows this and keeps the address in step.
/// </summary>
public sealed class InboxScreen(UserDb userDb, Triage triage)
{
    public InboxView View { get; private set; } = new();
    public InboxList.Page? Page { get; private set; }
    /// <summary>The row of the previewed item on this page, or -1.</summary>
    public int SelectedIndex { get; private set; } = -1;
    public InboxItem? Item { get; private set; }
    public IReadOnlyList<DocumentViewer.Doc> Documents { get; private set; } = [];
    public IReadOnlyList<(string Label, string Value)> Fields { get; private set; } = [];
    public InboxChoices Choices { get; private set; } = InboxChoices.None;
    public string? UserId { get; private set; }

    /// <summary>Selection for bulk actions: item id → the version the clerk saw.</summary>
    public IReadOnlyDictionary<int, int> Checked => _checked;
    private readonly Dictionary<int, int> _checked = [];

    // Keys arrive faster than the database answers (j k pressed quickly): each load of an item is numbered, and only
    // the newest one may show its item, whatever order the loads finish in.
    private int _loadTicket;

    /// <summary>The choices of the forms and the list of the view.</summary>
    public async Task OpenAsync(string? userId, InboxView view)
    {
        (UserId, View) = (userId, view);
        await using var db = await userDb.OpenAsync();
        Choices = await InboxChoices.LoadAsync(db);
        await LoadListAsync(db);
    }

    /// <summary>Whether the item a link names is in the user's units; a denied look elsewhere is logged.</summary>
    public async Task<bool> IsVisibleAsync(string number, DeniedReads denied)
    {
        await using var db = await userDb.OpenAsync();
        if (await db.InboxItems.AnyAsync(i => i.Number == number)) return true;
        await denied.LogIfElsewhereAsync<InboxItem>(db, i => i.Number == number, number);
        return false;
    }

    /// <summary>Takes a view (filters, page, selection); the list loads when more than the selection changed.</summary>
    /// <returns>Whether the list changed.</returns>
    public async Task<bool> ShowAsync(InboxView view)
    {
        var listChanged = view with { Selected = null } != View with { Selected = null };
        View = view;
        if (!listChanged) return false;
        _checked.Clear();
        await ReloadAsync();
        return true;
    }

    /// <summary>Another circuit or the portal changed the inbox: the list again.</summary>
    public async Task ReloadAsync()
    {
        await using var db = await userDb.OpenAsync();
        await LoadListAsync(db);
    }

    /// <summary>Opens the preview of the item the view names (it need not be on this page), or closes it.</summary>
    /// <returns>A refusal when the view names an item the user cannot see.</returns>
    public async Task<Outcome?> OpenSelectedAsync()
    {
        if (View.Selected is not { } number) { Item = null; return null; }
        if (Item?.Number == number) return null;
        await using var db = await userDb.OpenAsync();
        await LoadItemAsync(db, number);
        SelectedIndex = IndexOf(Item?.Number);
        return Item is null ? Outcome.Refused($"Einen Eingang „{number}“ gibt es in Ihren Organisationseinheiten nicht.") : null;
    }

    /// <summary>Whether the row at this index exists and is not the one shown already.</summary>
    public bool CanSelect(int index) =>
        Page is not null && index >= 0 && index < Page.Rows.Count && !(index == SelectedIndex && Item?.Id == Page.Rows[index].Id);

    /// <summary>Previews the row at this index and puts it into the view.</summary>
    /// <returns>false when there is nothing new to show or a newer selection took over while this one loaded.</returns>
    public async Task<bool> SelectAsync(int index)
    {
        if (!CanSelect(index)) return false;
        SelectedIndex = index;
        var number = Page!.Rows[index].Number;
        await using var db = await userDb.OpenAsync();
        if (!await LoadItemAsync(db, number)) return false;
        View = View with { Selected = number };
        return true;
    }

    /// <summary>Closes the preview (a new page of the list).</summary>
    public void Deselect() => (Item, SelectedIndex) = (null, -1);

    /// <summary>One action on the previewed item, then the list and the preview from the same context.</summary>
    public async Task<Outcome> ActAsync(Triage.Step step)
    {
        if (Item is null) return Outcome.Refused("Bitte zuerst einen Eingang wählen.");
        var number = Item.Number;
        await using var db = await userDb.OpenAsync();
        var result = await triage.ApplyAsync(db, Item.Id, Item.Version, step);
        db.ChangeTracker.Clear();
        await LoadListAsync(db);
        await LoadItemAsync(db, number);
        if (Item is null) SelectedIndex = -1;
        return result;
    }

    /// <summary>One action on every selected item, then the list and the preview, all in one context.</summary>
    public async Task<Outcome> BulkAsync(Triage.Step step, string doneText)
    {
        await using var db = await userDb.OpenAsync();
        var result = await triage.ApplyToEachAsync(db, _checked.Select(c => (c.Key, c.Value)).ToList(), step, doneText);
        _checked.Clear();
        await LoadListAsync(db);
        if (Item is not null) await LoadItemAsync(db, Item.Number);
        return result;
    }

    public bool AllOnPageChecked => Page is { Rows.Count: > 0 } p && p.Rows.All(r => _checked.ContainsKey(r.Id));

    public void Toggle(InboxList.Row row)
    {
        if (!_checked.Remove(row.Id)) _checked[row.Id] = row.Version;
    }

    public void ToggleSelected()
    {
        if (Page is not null && SelectedIndex >= 0 && SelectedIndex < Page.Rows.Count) Toggle(Page.Rows[SelectedIndex]);
    }

    public void ToggleAllOnPage()
    {
        if (Page is null) return;
        var check = !AllOnPageChecked;
        foreach (var r in Page.Rows)
            if (check) _checked[r.Id] = r.Version; else _checked.Remove(r.Id);
    }

    public void ClearChecked() => _checked.Clear();

    private async Task LoadListAsync(BackOfficeDb db)
    {
        Page = await InboxList.QueryAsync(db, View.ToFilter(UserId), View.Skip, InboxView.PageSize);
        if (Page is { Rows.Count: 0, Count: > 0, CountCapped: false } && View.Skip > 0)
        {
            // A page past the end (an old link, items done meanwhile): the last page instead of an empty list.
            View = View with { Skip = (Page.Count - 1) / InboxView.PageSize * InboxView.PageSize };
            Page = await InboxList.QueryAsync(db, View.ToFilter(UserId), View.Skip, InboxView.PageSize);
        }
        // A selected item in view keeps the version now shown, so that the clerk's own changes do not count as someone else's.
        foreach (var r in Page.Rows) if (_checked.ContainsKey(r.Id)) _checked[r.Id] = r.Version;
        // The selection follows its item when rows move (a new item arrived above it); j/k go on from there.
        var number = Item?.Number ?? View.Selected;
        var previewed = IndexOf(number);
        if (previewed >= 0 || number is not null) SelectedIndex = previewed;
        else if (SelectedIndex >= Page.Rows.Count) SelectedIndex = Page.Rows.Count - 1;
    }

    private int IndexOf(string? number) =>
        number is null || Page is null ? -1 : Page.Rows.ToList().FindIndex(r => string.Equals(r.Number, number, StringComparison.OrdinalIgnoreCase));

    /// <returns>false when a newer selection took over while this one loaded.</returns>
    private async Task<bool> LoadItemAsync(BackOfficeDb db, string number)
    {
        var ticket = ++_loadTicket;
        var item = await db.InboxItems.AsNoTracking().Include(i => i.Unit).Include(i => i.Assignee).Include(i => i.Case).SingleOrDefaultAsync(i => i.Number == number);
        if (item is null)
        {
            if (ticket == _loadTicket) (Item, Documents, Fields) = (null, [], []);
            return ticket == _loadTicket;
        }
        var (id, caseId) = (item.Id, item.CaseId);
        var documents = await db.Documents.AsNoTracking().Include(d => d.Versions)
            .Where(d => d.InboxItemId == id || (caseId != null && d.CaseId == caseId)).OrderBy(d => d.Id).ToListAsync();
        var json = caseId is null ? null : await db.Submissions.AsNoTracking().Where(s => s.CaseId == caseId).Select(s => s.MetadataJson).SingleOrDefaultAsync();
        if (caseId is not null) db.LogRead(nameof(Case), caseId.Value.ToString(), item.UnitId);
        db.LogRead(nameof(InboxItem), item.Id.ToString(), item.UnitId);
        await db.SaveChangesAsync();
        if (ticket != _loadTicket) return false;
        Item = item;
        Documents = documents.Select(d => d.Versions.MaxBy(v => v.Number) is { } v ? new DocumentViewer.Doc(d.Title, v.Id, v.FileName, v.MimeType, d.TransferNote) : null).OfType<DocumentViewer.Doc>().ToList();
        Fields = json is null ? [] : FormFields.Readable(SubmissionMetadata.Read(json)?.Data);
        return true;
    }
}

using BackOffice.Infrastructure;
using System.Text.Json;
using BackOffice.Data;
using BackOffice.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Inbox;

/// <summary>Filters of the Posteingang that a user saved under a name; each user sees only their own.</summary>
public sealed class SavedFilters(UserDb userDb)
{
    public const string Page = "posteingang";
    public const int MaxPerUser = 30;

    public sealed record Saved(int Id, string Name, InboxList.Filter Filter);

    public async Task<List<Saved>> ListAsync(string userId)
    {
        await using var db = await userDb.OpenAsync();
        var rows = await db.SavedFilters.AsNoTracking().Where(f => f.UserId == userId && f.Page == Page).OrderBy(f => f.Name).ToListAsync();
        return rows.Select(r => new Saved(r.Id, r.Name, Read(r.Json))).ToList();
    }

    /// <summary>Saves under the name, replacing the user's filter of the same name.</summary>
    public async Task<Outcome> SaveAsync(string userId, string name, InboxList.Filter filter)
    {
        name = PlainText.Clean(name) ?? ""; // no control or bidi formatting characters, as every name
        if (name.Length == 0) return Outcome.Refused("Bitte einen Namen für den Filter angeben.");
        if (name.Length > 100) return Outcome.Refused("Der Name ist zu lang (höchstens 100 Zeichen).");
        await using var db = await userDb.OpenAsync();
        var json = JsonSerializer.Serialize(filter with { UserId = null }, Json);
        var existing = await db.SavedFilters.SingleOrDefaultAsync(f => f.UserId == userId && f.Page == Page && f.Name == name);
        if (existing is not null) existing.Json = json;
        else
        {
            if (await db.SavedFilters.CountAsync(f => f.UserId == userId && f.Page == Page) >= MaxPerUser)
                return Outcome.Refused($"Sie haben bereits {MaxPerUser} Filter gespeichert; bitte zuerst einen löschen.");
            db.SavedFilters.Add(new SavedFilter { UserId = userId, Page = Page, Name = name, Json = json, CreatedAt = DateTime.UtcNow });
        }
        await db.SaveChangesAsync();
        return Outcome.Done($"Filter „{name}“ ist gespeichert.");
    }

    public async Task DeleteAsync(string userId, int id)
    {
        await using var db = await userDb.OpenAsync();
        await db.SavedFilters.Where(f => f.Id == id && f.UserId == userId).ExecuteDeleteAsync();
    }

    private static readonly JsonSerializerOptions Json = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>A filter saved by an older version may lack fields or name unknown values: what cannot be read falls back to the default.</summary>
    private static InboxList.Filter Read(string json)
    {
        try { return JsonSerializer.Deserialize<InboxList.Filter>(json, Json) ?? new(); }
        catch (JsonException) { return new(); }
    }
}

using System.Text.Json;
using BackOffice.Data;
using BackOffice.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Dashboards;

/// <summary>The head's last choice on the dashboard, kept on the server so that it follows them to any desktop.</summary>
public sealed class DashboardChoices(UserDb userDb)
{
    private const string Page = "dashboard";
    private const string Name = "zuletzt";

    /// <summary>The last choice, or null when there is none (or it cannot be read any more).</summary>
    public async Task<DashboardSelection?> LastAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await userDb.OpenAsync(ct);
        var json = await db.SavedFilters.AsNoTracking().Where(f => f.UserId == userId && f.Page == Page && f.Name == Name)
            .Select(f => f.Json).SingleOrDefaultAsync(ct);
        try { return json is null ? null : JsonSerializer.Deserialize<DashboardSelection>(json); }
        catch (JsonException) { return null; }
    }

    public async Task SaveAsync(string userId, DashboardSelection selection, CancellationToken ct = default)
    {
        await using var db = await userDb.OpenAsync(ct);
        var query = JsonSerializer.Serialize(selection);
        var row = await db.SavedFilters.SingleOrDefaultAsync(f => f.UserId == userId && f.Page == Page && f.Name == Name, ct);
        if (row?.Json == query) return;
        if (row is null) db.SavedFilters.Add(new SavedFilter { UserId = userId, Page = Page, Name = Name, Json = query, CreatedAt = DateTime.UtcNow });
        else row.Json = query;
        await db.SaveChangesAsync(ct);
    }
}

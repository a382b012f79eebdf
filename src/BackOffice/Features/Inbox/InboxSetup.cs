namespace BackOffice.Features.Inbox;

public static class InboxSetup
{
    /// <summary>The Posteingang: live updates across circuits, triage, uploads and saved filters.</summary>
    public static IServiceCollection AddInbox(this IServiceCollection services)
    {
        services.AddSingleton<InboxEvents>();
        services.AddScoped<InboxCounter>();
        services.AddScoped<Triage>();
        services.AddTransient<InboxScreen>(); // one per page shown: its list, preview and selection
        services.AddScoped<RegisterUpload>();
        services.AddScoped<SavedFilters>();
        return services;
    }

    /// <summary>The Posteingangsbuch as CSV, with the filters of its page: only what the user's units registered.</summary>
    public static void MapInboxEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet($"/{Journal.Filter.Path}.csv", async (HttpContext http, Access.UserDb userDb, CancellationToken ct) =>
        {
            if (!http.User.IsInRole(Data.Roles.Clerk) && !http.User.IsInRole(Data.Roles.Head) && !http.User.IsInRole(Data.Roles.MailRoom)) return Results.NotFound();
            await using var db = await userDb.OpenAsync(http.User, ct);
            var filter = Journal.Filter.Parse(Microsoft.AspNetCore.Http.Extensions.UriHelper.GetEncodedUrl(http.Request));
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = Documents.DocumentEndpoints.ContentDisposition("attachment", $"Posteingangsbuch_{DateTime.Now:yyyy-MM-dd}.csv");
            await Journal.CsvAsync(db, filter, http.Response.Body, ct);
            return Results.Empty;
        }).RequireAuthorization();
    }
}

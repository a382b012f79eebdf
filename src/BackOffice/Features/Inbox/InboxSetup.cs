namespace BackOffice.Features.Inbox;

public static class InboxSetup
{
    /// <summary>The Posteingang: live updates across circuits, triage, uploads and saved filters.</summary>
    public static IServiceCollection AddInbox(this IServiceCollection services)
    {
        services.AddSingleton<InboxEvents>();
        services.AddScoped<Triage>();
        services.AddScoped<RegisterUpload>();
        services.AddScoped<SavedFilters>();
        return services;
    }
}

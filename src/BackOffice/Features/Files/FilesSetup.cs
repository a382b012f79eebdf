namespace BackOffice.Features.Files;

public static class FilesSetup
{
    /// <summary>The e-file: letters out of cases and their previews.</summary>
    public static IServiceCollection AddFiles(this IServiceCollection services)
    {
        services.AddSingleton<LetterOut>();
        services.AddSingleton<LetterPreviews>();
        return services;
    }

    public static void MapFilesEndpoints(this IEndpointRouteBuilder app) => LetterPreviews.Map(app);
}

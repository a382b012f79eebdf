namespace BackOffice.Features.Files;

public static class FilesSetup
{
    /// <summary>Documents and their bytes: the content-addressed store, TIFF previews, the text reader and the store's sweep.</summary>
    public static IServiceCollection AddFiles(this IServiceCollection services)
    {
        services.AddSingleton<DocumentStore>();
        services.AddSingleton<TiffPreview>();
        services.AddSingleton<Infrastructure.BusySignal>();
        services.AddHostedService<DocumentText>();
        services.AddSingleton<DocumentSweep>();
        services.AddHostedService(s => s.GetRequiredService<DocumentSweep>());
        return services;
    }
}

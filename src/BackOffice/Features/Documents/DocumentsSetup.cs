namespace BackOffice.Features.Documents;

/// <summary>
/// Documents and their bytes, apart from Akten and Vorgänge: the content-addressed store, file types checked by content,
/// TIFF previews, the text reader, the store's sweep, the download endpoints and the viewer component.
/// </summary>
public static class DocumentsSetup
{
    public static IServiceCollection AddDocuments(this IServiceCollection services)
    {
        services.AddSingleton<DocumentStore>();
        services.AddSingleton<TiffPreview>();
        services.AddSingleton<CaseDocuments>();
        services.AddSingleton<Infrastructure.BusySignal>();
        services.AddHostedService<DocumentText>();
        services.AddSingleton<DocumentSweep>();
        services.AddHostedService(s => s.GetRequiredService<DocumentSweep>());
        return services;
    }
}

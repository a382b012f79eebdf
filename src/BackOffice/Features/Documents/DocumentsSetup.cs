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
        // One instance of the installation reads texts and sweeps at a time (leases, ADR-0018).
        services.AddLeasedWork<DocumentText>("document-text");
        services.AddLeasedWork<DocumentSweep>("document-sweep");
        return services;
    }
}

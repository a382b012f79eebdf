using BackOffice.Infrastructure;
using Microsoft.Extensions.Options;

namespace BackOffice.Features.Documents;

/// <summary>
/// Browsers cannot show TIFF, which fax servers and some scanners deliver. For the preview a TIFF is turned into
/// a PDF with every page by img2pdf (lossless), once, and kept under previews/ named by the TIFF's SHA-256; the
/// original stays as it came. Written to a temporary name and renamed, so a preview is whole or absent.
/// </summary>
public sealed class TiffPreview(DocumentStore store, IOptions<BackOfficeOptions> options, ILogger<TiffPreview> log)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _root = options.Value.PreviewsPath;

    /// <summary>The path of the PDF preview of a stored TIFF, or null when img2pdf cannot read it (a damaged file).</summary>
    public async Task<string?> PdfOfAsync(string sha256, CancellationToken ct)
    {
        var path = Path.Combine(_root, $"{sha256}.pdf");
        if (File.Exists(path)) return path;
        Directory.CreateDirectory(_root);
        var temp = TempFiles.For(path, options.Value.Instance);
        try
        {
            var result = await ExternalTool.RunAsync("img2pdf", ["--output", temp, store.PathOf(sha256)], Timeout, ct);
            if (!result.Succeeded || !File.Exists(temp))
            {
                log.LogInformation("img2pdf could not turn TIFF {Sha} into a PDF (exit {Code}): {Errors}", sha256, result.ExitCode, result.Errors.Trim());
                return null;
            }
            File.Move(temp, path, overwrite: true); // two requests at once: both write the same pages
            return path;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Deletes temporary files of conversions a killed process left behind; called at start-up.</summary>
    public void RemoveLeftovers() => TempFiles.RemoveLeftovers(_root, options.Value.Instance, SearchOption.TopDirectoryOnly);
}

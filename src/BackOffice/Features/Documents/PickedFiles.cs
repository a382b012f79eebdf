using BackOffice.Infrastructure;
using Microsoft.AspNetCore.Components.Forms;

namespace BackOffice.Features.Documents;

/// <summary>
/// Files chosen in an InputFile, read into memory for a use case that checks and stores them. A submit that arrives
/// while they are still being read (the button's disabled state reaches the browser only after the click) waits for
/// them, and a read that fails hands over none rather than some.
/// </summary>
public sealed class PickedFiles(int maxFiles = PickedFiles.DefaultMaxFiles, long maxBytes = PickedFiles.DefaultMaxBytes)
{
    public const int DefaultMaxFiles = 20;
    public const long DefaultMaxBytes = 20 * 1024 * 1024;

    public sealed record File(string Name, byte[] Content);

    private Task _reading = Task.CompletedTask;
    private List<File> _files = [];
    private string? _problem;

    public bool Loading => !_reading.IsCompleted;

    /// <summary>Starts reading what was chosen; a problem (too many, too large) is known at once and returned.</summary>
    public string? Pick(InputFileChangeEventArgs e)
    {
        (_files, _problem) = ([], null);
        if (e.FileCount > maxFiles) _problem = maxFiles == 1 ? "Bitte nur eine Datei wählen." : $"Bitte höchstens {maxFiles} Dateien auf einmal wählen.";
        else if (e.GetMultipleFiles(maxFiles).FirstOrDefault(f => f.Size > maxBytes) is { } large)
            _problem = $"„{PlainText.FileName(large.Name)}“ ist {(large.Size / 1024.0 / 1024.0).ToString("N1", Labels.German)} MB groß; höchstens {maxBytes / 1024 / 1024} MB sind möglich.";
        _reading = _problem is null ? ReadAsync(e.GetMultipleFiles(maxFiles)) : Task.CompletedTask;
        return _problem;
    }

    /// <summary>The files once all are read, or why there are none to use.</summary>
    public async Task<Outcome<IReadOnlyList<File>>> ReadyAsync()
    {
        try { await _reading; }
        catch (Exception) // the browser went away or a file vanished while it was read
        {
            return Outcome.Refused("Die Dateien konnten nicht ganz gelesen werden. Bitte wählen Sie sie noch einmal.");
        }
        return _problem is not null ? Outcome.Refused(_problem) : Outcome.Made<IReadOnlyList<File>>(_files);
    }

    public void Clear() => (_files, _problem, _reading) = ([], null, Task.CompletedTask);

    private async Task ReadAsync(IReadOnlyList<IBrowserFile> files)
    {
        var read = new List<File>();
        foreach (var file in files)
        {
            using var buffer = new MemoryStream();
            await file.OpenReadStream(maxBytes).CopyToAsync(buffer);
            read.Add(new File(file.Name, buffer.ToArray()));
        }
        _files = read;
    }
}

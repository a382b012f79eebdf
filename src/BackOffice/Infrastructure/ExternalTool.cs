using System.ComponentModel;
using System.Diagnostics;

namespace BackOffice.Infrastructure;

/// <summary>
/// Runs one of the Debian tools the app calls (pdftotext, img2pdf) as a process: at the lowest CPU priority,
/// so that under load it falls behind instead of taking a core from the requests, and with a time limit.
/// </summary>
public static class ExternalTool
{
    /// <summary>What the tool printed; TimedOut when it was killed at the time limit.</summary>
    public sealed record Result(int ExitCode, string Output, string Errors, bool TimedOut)
    {
        public bool Succeeded => ExitCode == 0 && !TimedOut;
    }

    /// <summary>The tool is not installed (the README's scripts install it).</summary>
    public sealed class MissingException(string tool) : Exception($"{tool} is not installed.");

    public static async Task<Result> RunAsync(string tool, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken ct = default)
    {
        var start = new ProcessStartInfo("nice", ["-n", "19", tool, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        Process process;
        try { process = Process.Start(start)!; }
        catch (Win32Exception) { throw new MissingException("nice"); }
        using (process)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(timeout);
            try
            {
                // Both streams are read while the tool runs: a full pipe would otherwise stall it.
                var output = process.StandardOutput.ReadToEndAsync(limit.Token);
                var errors = process.StandardError.ReadToEndAsync(limit.Token);
                await process.WaitForExitAsync(limit.Token);
                if (process.ExitCode == 127) throw new MissingException(tool); // nice could not find it
                return new Result(process.ExitCode, await output, await errors, TimedOut: false);
            }
            catch (OperationCanceledException)
            {
                // At the time limit, and when the caller stops (the app shutting down): the tool does not run on alone.
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } // it ended meanwhile
                if (ct.IsCancellationRequested) throw;
                return new Result(-1, "", "", TimedOut: true);
            }
        }
    }
}

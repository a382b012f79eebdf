using System.Diagnostics;
using System.Text.Json;

namespace BackOffice.Tests.Support;

/// <summary>Debian's python3 with openpyxl: an independent reader of the .xlsx files we write. The script prints JSON.</summary>
public static class Python
{
    public static JsonElement Run(string script, params string[] args)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
        return JsonDocument.Parse(output.Result).RootElement;
    }
}

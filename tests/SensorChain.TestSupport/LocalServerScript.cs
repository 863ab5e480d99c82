using System.Diagnostics;

namespace SensorChain.TestSupport;

/// <summary>Runs deploy/local/&lt;server&gt;.sh (install if missing, start, stop) and returns the last line it printed.</summary>
public static class LocalServerScript
{
    /// <summary>Runs <paramref name="script"/> with <paramref name="arguments"/>; throws with its standard error when it fails.</summary>
    public static async Task<string> RunAsync(string script, params string[] arguments)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(RepoPaths.InRepo("deploy", "local", script));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await stderr}");
        }

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? string.Empty : lines[^1];
    }
}

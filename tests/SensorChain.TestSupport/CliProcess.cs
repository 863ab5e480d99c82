using System.Diagnostics;
using System.Text;

namespace SensorChain.TestSupport;

/// <summary>Runs the built <c>sensorchain</c> command as a real process (same configuration as the tests).</summary>
public static class CliProcess
{
    /// <summary>Path of sensorchain.dll built from cli/SensorChain.Cli.</summary>
    public static string DllPath
    {
        get
        {
#if DEBUG
            const string configuration = "Debug";
#else
            const string configuration = "Release";
#endif
            var path = RepoPaths.InRepo("cli", "SensorChain.Cli", "bin", configuration, "net10.0", "sensorchain.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build cli/SensorChain.Cli first (dotnet build -c " + configuration + ").", path);
        }
    }

    /// <summary>Starts the command; the caller waits, reads output and kills it.</summary>
    public static Process Start(IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
        }

        return Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet.");
    }

    /// <summary>Runs to completion (killing it after <paramref name="timeout"/>) and returns exit code and output.</summary>
    public static async Task<CliResult> RunAsync(IEnumerable<string> arguments, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        using var process = Start(arguments, environment);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new CliResult(-1, stdout.ToString(), stderr + $"\n(killed after {timeout})");
        }

        process.WaitForExit();
        return new CliResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }
}

using System.Diagnostics;

namespace SensorChain.TestSupport;

/// <summary>Runs the workplace's independent FHIR R4 validator (../shared/tools/fhir-validate) on files.</summary>
public static class FhirValidator
{
    private static readonly SemaphoreSlim SetupGate = new(1, 1);
    private static bool _ready;

    /// <summary>Folder of the validator.</summary>
    public static string ToolDirectory => Path.Combine(RepoPaths.Shared, "tools", "fhir-validate");

    /// <summary>Validates <paramref name="files"/> (with <c>--profile vitalsigns</c> when asked); returns exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> ValidateAsync(bool vitalSignsProfile, params string[] files)
    {
        await EnsureSetupAsync();
        var arguments = new List<string> { Path.Combine(ToolDirectory, "validate.mjs") };
        if (vitalSignsProfile)
        {
            arguments.AddRange(["--profile", "vitalsigns"]);
        }

        arguments.AddRange(files);
        return await RunAsync("node", arguments, ToolDirectory);
    }

    private static async Task EnsureSetupAsync()
    {
        await SetupGate.WaitAsync();
        try
        {
            if (_ready)
            {
                return;
            }

            var (code, output) = await RunAsync("bash", ["setup.sh"], ToolDirectory);
            if (code != 0)
            {
                throw new InvalidOperationException("fhir-validate setup.sh failed:\n" + output);
            }

            _ready = true;
        }
        finally
        {
            SetupGate.Release();
        }
    }

    private static async Task<(int, string)> RunAsync(string file, IEnumerable<string> arguments, string workingDirectory)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}

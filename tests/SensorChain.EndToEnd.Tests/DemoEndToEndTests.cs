using System.Text.Json;
using SensorChain.TestSupport;

namespace SensorChain.EndToEnd.Tests;

/// <summary>The newcomer's path: run the demo, export FHIR, validate it with an independent validator.</summary>
public sealed class DemoEndToEndTests
{
    private static readonly string[] EveryKindCode =
    [
        "8867-4", // heart rate
        "2708-6", // SpO2
        "8310-5", // body temperature
        "85354-9", // blood pressure panel
        "9279-1", // respiratory rate
        "2339-0", // glucose
    ];

    [Fact]
    public async Task Demo_runs_for_its_duration_exports_every_sensor_kind_and_the_export_validates()
    {
        using var data = new TempDirectory();
        var url = $"http://127.0.0.1:{LoopbackPorts.Next()}";

        var demo = await CliProcess.RunAsync(
            ["demo", "--patients", "3", "--duration", "20", "--data", data.Path, "--urls", url],
            TimeSpan.FromMinutes(3));
        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.Contains("Summary", demo.StandardOutput, StringComparison.OrdinalIgnoreCase);

        var bundlePath = data.File("bundle.json");
        var export = await CliProcess.RunAsync(["fhir", "export", "--data", data.Path, "--out", bundlePath], TimeSpan.FromMinutes(2));
        Assert.True(export.ExitCode == 0, export.ToString());

        using var bundle = JsonDocument.Parse(await File.ReadAllTextAsync(bundlePath));
        Assert.Equal("collection", bundle.RootElement.GetProperty("type").GetString());
        var resources = bundle.RootElement.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource")).ToList();
        var codes = resources
            .Where(r => r.GetProperty("resourceType").GetString() == "Observation")
            .SelectMany(r => r.GetProperty("code").GetProperty("coding").EnumerateArray().Select(c => c.GetProperty("code").GetString()))
            .ToHashSet();
        foreach (var code in EveryKindCode)
        {
            Assert.Contains(code, codes);
        }

        // Waveforms (ECG, EMG, PPG) and the accelerometer arrive as SampledData.
        var sampled = resources.Count(r => r.GetProperty("resourceType").GetString() == "Observation"
            && (r.TryGetProperty("valueSampledData", out _) || (r.TryGetProperty("component", out var c)
                && c.EnumerateArray().Any(x => x.TryGetProperty("valueSampledData", out _)))));
        Assert.True(sampled > 0, "no waveform Observations");
        Assert.Contains(resources, r => r.GetProperty("resourceType").GetString() == "Provenance");
        Assert.Contains(resources, r => r.GetProperty("resourceType").GetString() == "Patient");
        Assert.Contains(resources, r => r.GetProperty("resourceType").GetString() == "Device");

        var (exitCode, output) = await FhirValidator.ValidateAsync(true, bundlePath);
        Assert.True(exitCode == 0, output);
        Assert.Matches(@"\b0 invalid\b", output);
    }

    [Fact]
    public async Task Demo_with_an_unknown_scenario_fails_with_the_valid_names()
    {
        using var data = new TempDirectory();
        var result = await CliProcess.RunAsync(["demo", "--scenario", "no-such-thing", "--duration", "1", "--data", data.Path], TimeSpan.FromMinutes(1));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("atrial-fibrillation", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

}

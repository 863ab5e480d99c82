using System.Diagnostics;
using System.Text.Json;
using SensorChain.TestSupport;

namespace SensorChain.Cloud.Tests.Api;

/// <summary>A third-party FHIR client (npm fhir-kit-client) against a real server; everything it gets validates.</summary>
public sealed class FhirKitClientTests(FhirApiHost host) : IClassFixture<FhirApiHost>
{
    private static readonly string ScriptDir = RepoPaths.InRepo("tests", "SensorChain.Cloud.Tests", "FhirKitClient");
    private static readonly SemaphoreSlim NpmGate = new(1, 1);

    [Fact]
    public async Task Fhir_kit_client_searches_pages_and_reads_lastn_and_every_resource_validates()
    {
        await EnsurePackagesAsync();
        using var output = new TempDirectory();
        var (code, stdout, stderr) = await RunAsync("node",
            ["client.mjs", host.BaseUrl, host.PatientId, "http://loinc.org|8867-4", "5", output.Path], ScriptDir);
        Assert.True(code == 0, $"node client.mjs failed ({code}):\n{stdout}\n{stderr}");

        using var summary = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
        var root = summary.RootElement;
        Assert.Equal(FhirApiHost.Batches, root.GetProperty("total").GetInt32());
        Assert.Equal(3, root.GetProperty("pages").GetInt32());
        var ids = root.GetProperty("searchIds").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(FhirApiHost.Batches, ids.Distinct().Count());
        Assert.All(ids, id => Assert.EndsWith("-hr", id, StringComparison.Ordinal));
        var lastn = root.GetProperty("lastnIds").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(11, lastn.Count);
        Assert.All(lastn, id => Assert.Contains($"-{FhirApiHost.Batches - 1}-", id, StringComparison.Ordinal));

        var files = root.GetProperty("files").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(5, files.Length);
        var (valid, report) = await FhirValidator.ValidateAsync(true, files);
        Assert.True(valid == 0, report);
    }

    private static async Task EnsurePackagesAsync()
    {
        await NpmGate.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(ScriptDir, "node_modules", "fhir-kit-client")))
            {
                return;
            }

            var (code, stdout, stderr) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], ScriptDir);
            Assert.True(code == 0, $"npm ci failed ({code}); the fhir-kit-client tests need Node.js and the npm registry:\n{stdout}\n{stderr}");
        }
        finally
        {
            NpmGate.Release();
        }
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string file, IEnumerable<string> arguments, string directory)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}

using System.Diagnostics;
using SensorChain.Cloud.Tests.Support;
using SensorChain.Ingest.Enrollment;
using SensorChain.Ingest.Export;
using SensorChain.Ingest.Ingestion;
using SensorChain.Ingest.Sqlite;
using SensorChain.Protocol;
using SensorChain.TestSupport;

namespace SensorChain.Cloud.Tests.Validation;

/// <summary>Runs the independent validator (../shared/tools/fhir-validate, R4 + vital-signs profiles) on an export.</summary>
public sealed class FhirValidatorTests
{
    private static readonly string ToolDir = Path.Combine(RepoPaths.Shared, "tools", "fhir-validate");

    [Fact]
    public async Task Exported_bundle_of_every_sensor_kind_and_quality_case_is_valid_vital_signs_fhir()
    {
        using var dir = new TempDirectory();
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 5, 0, TimeSpan.Zero));
        using var gateway = new TestGateway();
        await using (var store = await SqliteIngestStore.OpenAsync(dir.Path, time, CancellationToken.None))
        {
            await DeviceEnrollmentService.EnrollAsync(store, gateway.Key.PublicKeySpki, DeviceEnrollmentService.NewPatientId(), time, CancellationToken.None);
            using var ingest = new IngestService(store, [], time);
            IReadOnlyList<ChannelBlock>[] windows =
            [
                TestGateway.FullKit(0),
                TestGateway.FullKit(1),
                [
                    ChannelBlock.FromValues(SensorKind.HeartRate, 4, [71, 72, 73, 74], SignalQuality.Motion),
                    ChannelBlock.FromValues(SensorKind.SpO2, 1, [0], SignalQuality.Detached),
                    ChannelBlock.FromValues(SensorKind.Ecg, 250, new double[250], SignalQuality.LeadOff),
                    ChannelBlock.FromSpotValues(SensorKind.BloodPressureSystolic, [180], [100]),
                    ChannelBlock.FromValues(SensorKind.AccelX, 50, new double[50], SignalQuality.DeviceFault),
                    ChannelBlock.FromValues(SensorKind.RespirationRate, 1, [], SignalQuality.Incomplete),
                ],
                [ChannelBlock.FromSpotValues(SensorKind.BloodPressureSystolic, [130, 132], [100, 900]), ChannelBlock.FromSpotValues(SensorKind.BloodPressureDiastolic, [85, 86], [100, 900])],
            ];
            foreach (var channels in windows)
            {
                var result = await ingest.IngestAsync(gateway.Next(channels).Bytes, time.GetUtcNow(), null, CancellationToken.None);
                Assert.Equal(IngestOutcome.Accepted, result.Outcome);
            }

            await using var file = File.Create(dir.File("bundle.json"));
            var written = await FhirExporter.WriteBundleAsync(store, file, time.GetUtcNow(), CancellationToken.None, baseUrl: "http://127.0.0.1/fhir");
            Assert.True(written > 25);
        }

        var (exit, output) = await RunValidatorAsync("--profile", "vitalsigns", dir.File("bundle.json"));
        Assert.True(exit == 0, output);
        Assert.Matches(@"\d+ resources, 0 invalid", output);
    }

    internal static async Task<(int ExitCode, string Output)> RunValidatorAsync(params string[] arguments)
    {
        var setup = await RunAsync("bash", [Path.Combine(ToolDir, "setup.sh")]);
        Assert.True(setup.ExitCode == 0, "fhir-validate setup.sh failed: " + setup.Output);
        return await RunAsync("node", [Path.Combine(ToolDir, "validate.mjs"), .. arguments]);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}

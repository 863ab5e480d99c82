using System.Globalization;
using System.Text.RegularExpressions;
using SensorChain.TestSupport;
using Xunit.Abstractions;

namespace SensorChain.Mqtt.Tests;

/// <summary>
/// <c>sensorchain sim fleet</c> against a real Mosquitto over TLS and a real <c>cloud run</c>: each virtual patient has
/// its own gateway, key and device certificate, and every batch the broker acknowledged reaches the store once.
/// </summary>
public sealed class SimFleetProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempDirectory _fleet = new();
    private ProcessRig _rig = null!;

    public async Task InitializeAsync() => _rig = await ProcessRig.StartAsync();

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        _fleet.Dispose();
    }

    [Fact]
    public async Task Fleet_of_three_patients_with_their_own_certificates_reaches_the_cloud_in_complete_chains()
    {
        var cloud = await _rig.StartCloudAsync("fleet-ingest");
        var run = await CliProcess.RunAsync(
            ["sim", "fleet", "--patients", "3", "--broker", $"mqtts://127.0.0.1:{_rig.Broker.TlsPort}", "--pki", _rig.Broker.Pki, "--data", _fleet.Path,
             "--mix", "stable=2,fall=1", "--enroll", _rig.StoreDir, "--duration", "8"],
            TimeSpan.FromMinutes(3));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("enrolled 3 new", run.StandardOutput, StringComparison.Ordinal);
        var summary = run.StandardOutput.Split('\n').Single(l => l.StartsWith("fleet stopped:", StringComparison.Ordinal));
        long Field(string name) => long.Parse(Regex.Match(summary, name + "=([0-9]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var (signed, acknowledged) = (Field("signed"), Field("acknowledged"));
        Assert.True(acknowledged >= 3 * 5, summary);

        await using var store = await _rig.OpenStoreAsync();
        var devices = await store.ListDevicesAsync(CancellationToken.None);
        Assert.Equal(3, devices.Count);
        Assert.All(devices, d => Assert.True(File.Exists(Path.Combine(_rig.Broker.Pki, "devices", d.Device + ".crt")), $"no certificate of its own for {d.Device}"));
        long stored = 0;
        Assert.True(await Collector.Eventually(() =>
        {
            stored = 0;
            foreach (var device in devices)
            {
                var head = store.GetChainHeadAsync(device.Device, CancellationToken.None).GetAwaiter().GetResult();
                stored += head is null ? 0 : (long)head.Sequence + 1 - head.MissingCount;
            }

            return stored >= acknowledged;
        }, TimeSpan.FromSeconds(60)), $"stored {stored} < acknowledged {acknowledged}:\n{cloud.Output}");
        Assert.True(stored <= signed, $"stored {stored} > signed {signed}");
        foreach (var device in devices)
        {
            var head = await store.GetChainHeadAsync(device.Device, CancellationToken.None);
            Assert.Equal(0, head!.MissingCount);
        }

        output.WriteLine($"{summary.Trim()} → {stored} stored in 3 complete chains");
    }
}

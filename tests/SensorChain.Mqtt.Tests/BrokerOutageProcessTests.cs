using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace SensorChain.Mqtt.Tests;

/// <summary>
/// The broker stopped mid-stream for a minute (the figure; <c>SENSORCHAIN_TEST_BROKER_OUTAGE_SECONDS</c> may
/// shorten it locally, CI runs the default) and restarted, with real gateway and ingester processes running throughout.
/// </summary>
public sealed class BrokerOutageProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);
    private ProcessRig _rig = null!;

    public async Task InitializeAsync() => _rig = await ProcessRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task Broker_stopped_for_a_minute_mid_stream_and_restarted_loses_and_duplicates_nothing()
    {
        var outage = TimeSpan.FromSeconds(Environment.GetEnvironmentVariable("SENSORCHAIN_TEST_BROKER_OUTAGE_SECONDS") is { Length: > 0 } s
            ? double.Parse(s, CultureInfo.InvariantCulture)
            : 60);
        var gateway = _rig.StartGateway();
        await _rig.EnrollGatewayAsync();
        var cloud = await _rig.StartCloudAsync("ingest-outage");
        await _rig.WaitStoredAsync(4, Wait, gateway, cloud);

        await _rig.Broker.StopAsync();
        var down = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(2)); // a batch being stored when the broker went away still lands (unacknowledged)
        var storedAtStop = await _rig.StoredThroughAsync();
        await Task.Delay(outage - TimeSpan.FromSeconds(2));
        var storedDuringOutage = await _rig.StoredThroughAsync();
        Assert.Equal(storedAtStop, storedDuringOutage); // nothing can arrive without the broker: the gateway's outbox holds it
        await _rig.Broker.RestartAsync();
        var restarted = Stopwatch.StartNew();

        // The gateway kept signing about one batch a second: once the ingester is past what was signed before the restart, the backlog is through.
        var backlogEnd = storedAtStop + (ulong)down.Elapsed.TotalSeconds;
        await _rig.WaitStoredAsync(backlogEnd, Wait, gateway, cloud);
        output.WriteLine($"broker down {down.Elapsed.TotalSeconds - restarted.Elapsed.TotalSeconds:F1} s; backlog of ~{backlogEnd - storedAtStop} batches stored {restarted.Elapsed.TotalSeconds:F1} s after the restart");

        await gateway.StopAsync();
        var (acknowledged, catchUp) = await _rig.AssertEveryAcknowledgedBatchStoredOnceAsync((int)backlogEnd, gateway, cloud);
        output.WriteLine($"{acknowledged} batches acknowledged, all stored once, chain complete ({catchUp:F1} s after the gateway stopped)");
    }
}

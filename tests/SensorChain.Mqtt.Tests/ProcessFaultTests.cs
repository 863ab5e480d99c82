using System.Diagnostics;
using Xunit.Abstractions;

namespace SensorChain.Mqtt.Tests;

/// <summary>
/// Real processes (<c>sensorchain gateway run</c>, <c>sensorchain cloud run</c>) through a real Mosquitto over TLS with
/// device certificates. Processes are killed with SIGKILL mid-stream; afterwards every sequence number the gateway
/// signed and the broker acknowledged is stored exactly once with a complete hash chain (checked in the store).
/// </summary>
public sealed class ProcessFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);
    private ProcessRig _rig = null!;

    public async Task InitializeAsync() => _rig = await ProcessRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task Gateway_and_ingester_killed_and_restarted_lose_and_duplicate_nothing()
    {
        var gateway = _rig.StartGateway();
        await _rig.EnrollGatewayAsync();
        var cloud = await _rig.StartCloudAsync("ingest-test");
        await _rig.WaitStoredAsync(4, Wait, gateway, cloud);

        await gateway.KillAsync(); // SIGKILL: whatever was in flight stays in the outbox
        var gatewayDown = Stopwatch.StartNew();
        gateway = _rig.StartGateway();
        await gateway.WaitForOutputAsync("Gateway ", Wait);
        var gatewayUp = gatewayDown.Elapsed.TotalSeconds;
        var before = await _rig.StoredThroughAsync();
        await _rig.WaitStoredAsync(before + 3, Wait, gateway, cloud);
        output.WriteLine($"gateway SIGKILL → restarted (running after {gatewayUp:F1} s) and 3 more of its batches stored: {gatewayDown.Elapsed.TotalSeconds:F1} s");

        await cloud.KillAsync(); // SIGKILL: the batch being stored is never acknowledged
        await Task.Delay(TimeSpan.FromSeconds(3)); // the gateway keeps signing; the broker queues for the session
        var ingesterDown = Stopwatch.StartNew();
        cloud = await _rig.StartCloudAsync("ingest-test");
        before = await _rig.StoredThroughAsync();
        await _rig.WaitStoredAsync(before + 3, Wait, gateway, cloud);
        output.WriteLine($"ingester SIGKILL (3 s down) → restarted and backlog + 3 stored: {ingesterDown.Elapsed.TotalSeconds:F1} s");

        await gateway.StopAsync();
        var (acknowledged, catchUp) = await _rig.AssertEveryAcknowledgedBatchStoredOnceAsync(10, gateway, cloud);
        output.WriteLine($"{acknowledged} batches acknowledged, all stored once, chain complete; last ones stored {catchUp:F1} s after the gateway stopped");
    }

    [Fact]
    public async Task Surviving_ingester_takes_over_the_slot_of_one_killed_for_good()
    {
        const double grace = 2;
        var gateway = _rig.StartGateway();
        await _rig.EnrollGatewayAsync();
        var a = await _rig.StartCloudAsync("ingest-a", grace);
        var b = await _rig.StartCloudAsync("ingest-b", grace);
        await _rig.WaitStoredAsync(6, Wait, gateway, a, b);
        Assert.True(await Collector.Eventually(() => _rig.Broker.ReadRetainedAsync(Status("ingest-b")).GetAwaiter().GetResult() == "online", Wait), "ingest-b never said online:\n" + b.Output);

        // ingest-b dies and is NOT restarted: Mosquitto keeps routing its share of the batches into its session.
        await b.KillAsync();
        var killed = Stopwatch.StartNew();
        Assert.True(await Collector.Eventually(() => _rig.Broker.ReadRetainedAsync(Status("ingest-b")).GetAwaiter().GetResult() == "drained-by ingest-a", Wait),
            "ingest-a never took slot ingest-b over:\n" + a.Output);
        output.WriteLine($"ingester SIGKILL → slot taken over by the survivor after {killed.Elapsed.TotalSeconds:F1} s (grace {grace} s)");

        // Enough new batches for both slots' shares; ingest-b's half is stored only if the survivor drains it.
        var before = await _rig.StoredThroughAsync();
        await _rig.WaitStoredAsync(before + 6, Wait, gateway, a);
        await gateway.StopAsync();
        var (acknowledged, catchUp) = await _rig.AssertEveryAcknowledgedBatchStoredOnceAsync(12, gateway, a);
        output.WriteLine($"{acknowledged} batches acknowledged, all stored once by the survivor, chain complete ({catchUp:F1} s after the gateway stopped)");
    }

    [Fact]
    public async Task Hung_ingester_is_dropped_by_the_broker_and_its_slots_are_drained_by_a_peer()
    {
        const double grace = 2;
        const double keepAlive = 5; // libmosquitto's minimum
        var gateway = _rig.StartGateway();
        await _rig.EnrollGatewayAsync();
        var a = await _rig.StartCloudAsync("hang-a", grace, keepAlive);
        var b = await _rig.StartCloudAsync("hang-b", grace, keepAlive);
        await _rig.WaitStoredAsync(6, Wait, gateway, a, b);
        Assert.True(await Collector.Eventually(() => _rig.Broker.ReadRetainedAsync(Status("hang-b")).GetAwaiter().GetResult() == "online", Wait), "hang-b never said online:\n" + b.Output);

        // hang-b stops (SIGSTOP) with its TCP connections open: it neither acknowledges nor answers keep-alives. The broker
        // drops it after 1.5 x keep-alive, publishes its slots' last wills, and the survivor drains them after the grace.
        await b.FreezeAsync(stop: true);
        try
        {
            var frozen = Stopwatch.StartNew();
            foreach (var slot in new[] { "hang-b", "hang-b.1", "hang-b.2", "hang-b.3" })
            {
                Assert.True(await Collector.Eventually(() => _rig.Broker.ReadRetainedAsync(Status(slot)).GetAwaiter().GetResult() == "drained-by hang-a", Wait),
                    $"hang-a never took slot {slot} of the hung ingester over:\n" + a.Output);
            }

            output.WriteLine($"ingester SIGSTOP → all 4 of its slots drained by the survivor after {frozen.Elapsed.TotalSeconds:F1} s (keep-alive {keepAlive} s, grace {grace} s)");
            var before = await _rig.StoredThroughAsync();
            await _rig.WaitStoredAsync(before + 8, Wait, gateway, a);
        }
        finally
        {
            await b.FreezeAsync(stop: false);
        }

        // The hung one comes back: it takes its sessions back (the owner wins), nothing is lost or stored twice.
        await _rig.WaitStoredAsync(await _rig.StoredThroughAsync() + 4, Wait, gateway, a, b);
        await gateway.StopAsync();
        var (acknowledged, catchUp) = await _rig.AssertEveryAcknowledgedBatchStoredOnceAsync(18, gateway, a, b);
        output.WriteLine($"{acknowledged} batches acknowledged, all stored once across the hang and the resume, chain complete ({catchUp:F1} s after the gateway stopped)");
    }

    private static string Status(string slot) => Transport.Mqtt.MqttTopics.IngestSlotStatus("ingest", slot);
}

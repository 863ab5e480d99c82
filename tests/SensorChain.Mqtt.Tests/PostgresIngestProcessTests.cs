using System.Diagnostics;
using SensorChain.TestSupport;
using Xunit.Abstractions;

namespace SensorChain.Mqtt.Tests;

/// <summary>
/// Ingesters that do not share a disk: two <c>sensorchain cloud run --postgres …</c> processes on one real PostgreSQL 15
/// (deploy/local/postgres.sh) share a gateway's batches through the shared subscription; one is killed for good and
/// the other drains its slots. Every acknowledged batch ends up stored once, in one chain, in the shared database.
/// </summary>
public sealed class PostgresIngestProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);
    private readonly string _pgDir = Path.Combine(Path.GetTempPath(), "sensorchain-pg-" + Guid.NewGuid().ToString("N")[..10]);
    private ProcessRig _rig = null!;

    public async Task InitializeAsync()
    {
        var connection = await LocalServerScript.RunAsync("postgres.sh", "start", _pgDir);
        _rig = await ProcessRig.StartAsync(connection);
    }

    public async Task DisposeAsync()
    {
        if (_rig is not null)
        {
            await _rig.DisposeAsync();
        }

        Npgsql.NpgsqlConnection.ClearAllPools();
        await LocalServerScript.RunAsync("postgres.sh", "stop", _pgDir);
        Directory.Delete(_pgDir, recursive: true);
    }

    [Fact]
    public async Task Two_ingesters_on_one_PostgreSQL_store_every_batch_once_and_a_survivor_drains_the_dead_one()
    {
        const double grace = 2;
        var gateway = _rig.StartGateway();
        await _rig.EnrollGatewayAsync();
        var a = await _rig.StartCloudAsync("pg-a", grace);
        var b = await _rig.StartCloudAsync("pg-b", grace);
        await _rig.WaitStoredAsync(8, Wait, gateway, a, b);

        await b.KillAsync();
        var killed = Stopwatch.StartNew();
        Assert.True(await Collector.Eventually(() => _rig.Broker.ReadRetainedAsync(Transport.Mqtt.MqttTopics.IngestSlotStatus("ingest", "pg-b")).GetAwaiter().GetResult() == "drained-by pg-a", Wait),
            "pg-a never took slot pg-b over:\n" + a.Output);
        var before = await _rig.StoredThroughAsync();
        await _rig.WaitStoredAsync(before + 8, Wait, gateway, a);
        output.WriteLine($"pg-b SIGKILL → slot drained by pg-a and 8 more batches stored after {killed.Elapsed.TotalSeconds:F1} s (grace {grace} s)");
        await gateway.StopAsync();
        var (acknowledged, catchUp) = await _rig.AssertEveryAcknowledgedBatchStoredOnceAsync(16, gateway, a);
        output.WriteLine($"{acknowledged} batches acknowledged, all stored once in PostgreSQL, chain complete ({catchUp:F1} s after the gateway stopped)");
    }
}

using System.Diagnostics;
using System.Globalization;
using SensorChain.Edge.Gateway;
using SensorChain.Edge.Outbox;
using SensorChain.Ingest.Sqlite;
using SensorChain.Protocol;
using SensorChain.TestSupport;

namespace SensorChain.Mqtt.Tests;

/// <summary>
/// Real processes (<c>sensorchain gateway run</c>, <c>sensorchain cloud run</c>) through a real Mosquitto over TLS with
/// device certificates: the gateway and the ingester are each killed with SIGKILL mid-stream and restarted, and afterwards
/// every sequence number the gateway signed is stored exactly once with a complete hash chain.
/// </summary>
public sealed class ProcessFaultTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private Broker _broker = null!;

    public async Task InitializeAsync() => _broker = await Broker.StartAsync();

    [Fact]
    public async Task Gateway_and_ingester_killed_and_restarted_lose_and_duplicate_nothing()
    {
        var gatewayDir = _dir.File("gateway");
        var cloudDir = _dir.File("cloud");
        var broker = $"mqtts://127.0.0.1:{_broker.TlsPort}";
        string[] gatewayArgs = ["gateway", "run", "--data", gatewayDir, "--broker", broker, "--pki", _broker.Pki, "--scenario", "stable"];
        string[] cloudArgs = ["cloud", "run", "--data", cloudDir, "--broker", broker, "--pki", _broker.Pki, "--urls", $"http://127.0.0.1:{Broker.FreePort()}", "--slot", "ingest-test"];

        // First start creates the device key; enrol it, then run the ingester.
        var gateway = CliProcess.Start(gatewayArgs);
        await WaitForFileAsync(Path.Combine(gatewayDir, GatewayCommandPublicKey));
        var enroll = await CliProcess.RunAsync(["cloud", "enroll", "--data", cloudDir, "--public-key", Path.Combine(gatewayDir, GatewayCommandPublicKey)], TimeSpan.FromMinutes(1));
        Assert.True(enroll.ExitCode == 0, enroll.ToString());
        var cloud = CliProcess.Start(cloudArgs);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(6));
            gateway.Kill(); // SIGKILL
            await gateway.WaitForExitAsync();
            gateway.Dispose();
            gateway = CliProcess.Start(gatewayArgs);

            await Task.Delay(TimeSpan.FromSeconds(5));
            cloud.Kill();
            await cloud.WaitForExitAsync();
            cloud.Dispose();
            await Task.Delay(TimeSpan.FromSeconds(3)); // the gateway keeps signing; the broker queues for the session
            cloud = CliProcess.Start(cloudArgs);
            await Task.Delay(TimeSpan.FromSeconds(5));

            await StopAsync(gateway);
            var (next, pending) = await ReadGatewayOutboxAsync(gatewayDir);
            var acknowledged = Enumerable.Range(0, (int)next).Select(i => (ulong)i).Where(s => !pending.Contains(s)).ToList();
            Assert.True(acknowledged.Count >= 10, $"only {acknowledged.Count} batches were acknowledged");

            // Everything the gateway removed from its outbox (the broker acknowledged it) must end up stored, once.
            using var key = DeviceKey.LoadOrCreate(Path.Combine(gatewayDir, GatewayInstance.KeyFileName));
            var deadline = DateTime.UtcNow.AddSeconds(60);
            List<ulong> missing;
            do
            {
                await Task.Delay(500);
                await using var store = await SqliteIngestStore.OpenAsync(cloudDir, TimeProvider.System, CancellationToken.None);
                missing = [];
                foreach (var sequence in acknowledged)
                {
                    if (await store.GetBatchAsync(key.Id, sequence, CancellationToken.None) is null)
                    {
                        missing.Add(sequence);
                    }
                }
            }
            while (missing.Count > 0 && DateTime.UtcNow < deadline);

            Assert.True(missing.Count == 0, "acknowledged but never stored: " + string.Join(",", missing));

            // The stored chain links batch to batch from sequence 0: complete and unforked.
            await using var check = await SqliteIngestStore.OpenAsync(cloudDir, TimeProvider.System, CancellationToken.None);
            var previous = BatchHash.Zero;
            foreach (var sequence in acknowledged.TakeWhile((s, i) => s == (ulong)i))
            {
                var stored = (await check.GetBatchAsync(key.Id, sequence, CancellationToken.None))!;
                Assert.Equal(previous, stored.PreviousHash);
                previous = stored.Hash;
            }
        }
        finally
        {
            foreach (var process in new[] { gateway, cloud })
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                process.Dispose();
            }
        }
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        _dir.Dispose();
    }

    private const string GatewayCommandPublicKey = "device.pub.pem";

    private static async Task StopAsync(Process process)
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
    }

    private static async Task<(ulong Next, HashSet<ulong> Pending)> ReadGatewayOutboxAsync(string gatewayDir)
    {
        await using var outbox = await SqliteOutbox.OpenAsync(Path.Combine(gatewayDir, GatewayInstance.OutboxFileName), CancellationToken.None);
        var state = await outbox.GetChainStateAsync(CancellationToken.None);
        var pending = await outbox.PeekAsync(100_000, -1, CancellationToken.None);
        return (state.NextSequence, [.. pending.Select(p => p.Sequence)]);
    }

    private static async Task WaitForFileAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(path))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{path} did not appear");
            await Task.Delay(200);
        }
    }
}

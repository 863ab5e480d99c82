using System.Diagnostics;
using System.Globalization;
using SensorChain.Edge.Gateway;
using SensorChain.Edge.Outbox;
using SensorChain.Cli.Hosting;
using SensorChain.Ingest.Storage;
using SensorChain.Protocol;
using SensorChain.TestSupport;

namespace SensorChain.Mqtt.Tests;

/// <summary>
/// A real Mosquitto (TLS, device certificates) plus folders for one <c>sensorchain gateway run</c> and any number of
/// <c>sensorchain cloud run</c> processes sharing one ingest store (SQLite in a folder, or a PostgreSQL database), and
/// the end-of-test check through the store: every batch the gateway removed from its outbox is stored exactly once and
/// the device's hash chain is complete.
/// </summary>
public sealed class ProcessRig : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<CliChild> _children = [];

    private ProcessRig(Broker broker, string? postgres)
    {
        Broker = broker;
        Postgres = postgres;
    }

    /// <summary>The broker.</summary>
    public Broker Broker { get; }

    /// <summary>The gateway's folder (device.pem, outbox.db).</summary>
    public string GatewayDir => _dir.File("gateway");

    /// <summary>The ingest store shared by every ingester of the test (SQLite, unless <see cref="Postgres"/> is set).</summary>
    public string StoreDir => _dir.File("store");

    /// <summary>PostgreSQL connection string of the shared ingest store, or null for SQLite in <see cref="StoreDir"/>.</summary>
    public string? Postgres { get; }

    private string BrokerUrl => $"mqtts://127.0.0.1:{Broker.TlsPort}";

    /// <summary>Starts a broker.</summary>
    public static async Task<ProcessRig> StartAsync(string? postgres = null) => new(await Broker.StartAsync(), postgres);

    /// <summary>Opens the shared ingest store (the caller disposes it).</summary>
    public Task<IIngestStore> OpenStoreAsync() => IngestStoreFactory.OpenAsync(Postgres, StoreDir, TimeProvider.System, CancellationToken.None);

    private string[] StoreArguments(string option) => Postgres is null ? [option, StoreDir] : ["--postgres", Postgres];

    /// <summary>Starts the gateway (simulated stable patient); the first start creates its key.</summary>
    public CliChild StartGateway() => Track(CliChild.Start(["gateway", "run", "--data", GatewayDir, "--broker", BrokerUrl, "--pki", Broker.Pki, "--scenario", "stable"]));

    /// <summary>Waits for the gateway's public key and enrols it in the shared store.</summary>
    public async Task EnrollGatewayAsync()
    {
        var publicKey = Path.Combine(GatewayDir, "device.pub.pem");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(publicKey))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"{publicKey} did not appear");
            await Task.Delay(200);
        }

        var enroll = await CliProcess.RunAsync(["cloud", "enroll", .. StoreArguments("--data"), "--public-key", publicKey], TimeSpan.FromMinutes(1));
        Assert.True(enroll.ExitCode == 0, enroll.ToString());
    }

    /// <summary>Starts an ingester for <paramref name="slot"/> on the shared store and waits until it runs.</summary>
    public async Task<CliChild> StartCloudAsync(string slot, double takeoverGraceSeconds = 0, double keepAliveSeconds = 15)
    {
        var cloud = Track(CliChild.Start(["cloud", "run", "--data", _dir.File("cloud-" + slot), .. StoreArguments("--store"), "--broker", BrokerUrl, "--pki", Broker.Pki,
            "--urls", $"http://127.0.0.1:{LoopbackPorts.Next()}", "--slot", slot, "--takeover-grace", takeoverGraceSeconds.ToString(CultureInfo.InvariantCulture),
            "--keep-alive", keepAliveSeconds.ToString(CultureInfo.InvariantCulture)]));
        await cloud.WaitForOutputAsync($"Ingester {slot} ", TimeSpan.FromSeconds(90));
        return cloud;
    }

    /// <summary>The device's chain head in the store: highest stored sequence + 1 (0 when nothing is stored yet).</summary>
    public async Task<ulong> StoredThroughAsync()
    {
        using var key = DeviceKey.LoadOrCreate(Path.Combine(GatewayDir, GatewayInstance.KeyFileName));
        await using var store = await OpenStoreAsync();
        return await store.GetChainHeadAsync(key.Id, CancellationToken.None) is { } head ? head.Sequence + 1 : 0;
    }

    /// <summary>Waits until the store holds at least <paramref name="count"/> batches of the device (chain head).</summary>
    public async Task WaitStoredAsync(ulong count, TimeSpan timeout, params CliChild[] show)
    {
        var clock = Stopwatch.StartNew();
        while (await StoredThroughAsync() < count)
        {
            Assert.True(clock.Elapsed < timeout, $"fewer than {count} batches stored within {timeout}:\n" + string.Join("\n----\n", show.Select(s => s.Output)));
            await Task.Delay(250);
        }
    }

    /// <summary>
    /// After the gateway stopped: every sequence it removed from its outbox (acknowledged by the broker) is in the
    /// store, nothing else is, and the stored chain links from sequence 0 to the head without a gap.
    /// Returns (acknowledged, seconds the ingesters needed to catch up after the gateway stopped).
    /// </summary>
    public async Task<(int Acknowledged, double CatchUpSeconds)> AssertEveryAcknowledgedBatchStoredOnceAsync(int atLeast, params CliChild[] show)
    {
        ulong next;
        HashSet<ulong> pending;
        await using (var outbox = await SqliteOutbox.OpenAsync(Path.Combine(GatewayDir, GatewayInstance.OutboxFileName), CancellationToken.None))
        {
            next = (await outbox.GetChainStateAsync(CancellationToken.None)).NextSequence;
            pending = [.. (await outbox.PeekAsync(100_000, -1, CancellationToken.None)).Select(p => p.Sequence)];
        }

        var acknowledged = Enumerable.Range(0, (int)next).Select(i => (ulong)i).Where(s => !pending.Contains(s)).ToList();
        Assert.True(acknowledged.Count >= atLeast, $"only {acknowledged.Count} batches were acknowledged (expected {atLeast}):\n" + string.Join("\n----\n", show.Select(s => s.Output)));

        using var key = DeviceKey.LoadOrCreate(Path.Combine(GatewayDir, GatewayInstance.KeyFileName));
        var clock = Stopwatch.StartNew();
        List<ulong> missing;
        while (true)
        {
            await using var store = await OpenStoreAsync();
            missing = [];
            foreach (var sequence in acknowledged)
            {
                if (await store.GetBatchAsync(key.Id, sequence, CancellationToken.None) is null)
                {
                    missing.Add(sequence);
                }
            }

            if (missing.Count == 0 || clock.Elapsed > TimeSpan.FromSeconds(90))
            {
                break;
            }

            await Task.Delay(500);
        }

        var catchUp = clock.Elapsed.TotalSeconds;
        Assert.True(missing.Count == 0, $"acknowledged but never stored ({missing.Count} of {acknowledged.Count}): {string.Join(",", missing.Take(50))}\n" + string.Join("\n----\n", show.Select(s => s.Output)));

        // Exactly once and complete: the head is the last sequence signed, the chain has no hole, and each stored batch
        // links to its predecessor's hash from sequence 0 on (a duplicate or fork would break a link).
        await using var check = await OpenStoreAsync();
        var head = await check.GetChainHeadAsync(key.Id, CancellationToken.None);
        Assert.NotNull(head);
        Assert.Equal(acknowledged[^1], head.Sequence);
        Assert.Equal(0, head.MissingCount);
        Assert.Empty(await check.GetMissingSequencesAsync(key.Id, 100, CancellationToken.None));
        var previous = BatchHash.Zero;
        for (ulong sequence = 0; sequence <= head.Sequence; sequence++)
        {
            var stored = await check.GetBatchAsync(key.Id, sequence, CancellationToken.None);
            Assert.True(stored is not null, $"sequence {sequence} missing below the head");
            Assert.Equal(sequence, stored.Sequence);
            Assert.Equal(previous, stored.PreviousHash);
            previous = stored.Hash;
        }

        return (acknowledged.Count, catchUp);
    }

    /// <summary>Kills every child still running, stops the broker, deletes the folders.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var child in _children)
        {
            child.Dispose();
        }

        await Broker.DisposeAsync();
        _dir.Dispose();
    }

    private CliChild Track(CliChild child)
    {
        _children.Add(child);
        return child;
    }
}

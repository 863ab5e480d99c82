using SensorChain.Edge.Gateway;
using SensorChain.Edge.Outbox;
using SensorChain.Protocol;
using SensorChain.TestSupport;
using SensorChain.Transport;

namespace SensorChain.Edge.Tests;

public sealed class GatewayTests
{
    [Fact]
    public async Task Batches_form_a_signed_hash_chain_in_sequence_order()
    {
        using var dir = new TempDirectory();
        using var key = DeviceKey.Create();
        await using var outbox = await SqliteOutbox.OpenAsync(dir.File("outbox.db"), CancellationToken.None);
        var publisher = new FlakyPublisher();
        using var gateway = new EdgeGateway(key, new FakeSource(), outbox, publisher, new ManualTimeProvider());

        for (var i = 0; i < 5; i++)
        {
            await gateway.AcquireWindowAsync(1_000_000 + (i * 1000), default);
        }

        Assert.Equal(5, await gateway.DrainOnceAsync(default));
        var previous = BatchHash.Zero;
        var expected = 0UL;
        foreach (var (sequence, bytes) in publisher.Acknowledged.OrderBy(a => a.Sequence))
        {
            var batch = BatchCodec.Decode(bytes);
            Assert.Equal(expected++, sequence);
            Assert.Equal(sequence, batch.Sequence);
            Assert.Equal(previous, batch.Batch.PreviousHash);
            Assert.True(BatchCodec.VerifySignature(batch, key.Key));
            previous = batch.Hash;
        }

        Assert.Equal(0, await outbox.CountAsync(default));
    }

    [Fact]
    public async Task Nothing_leaves_the_outbox_while_the_broker_is_down()
    {
        using var dir = new TempDirectory();
        using var key = DeviceKey.Create();
        await using var outbox = await SqliteOutbox.OpenAsync(dir.File("outbox.db"), CancellationToken.None);
        var publisher = new FlakyPublisher { Down = true };
        using var gateway = new EdgeGateway(key, new FakeSource(), outbox, publisher, new ManualTimeProvider());
        for (var i = 0; i < 3; i++)
        {
            await gateway.AcquireWindowAsync(i * 1000, default);
        }

        await Assert.ThrowsAsync<TransportException>(() => gateway.DrainOnceAsync(default));
        Assert.Equal(3, await outbox.CountAsync(default));
        Assert.True(gateway.Stats.PublishFailures > 0);

        publisher.Down = false;
        Assert.Equal(3, await gateway.DrainOnceAsync(default));
        Assert.Equal([0UL, 1UL, 2UL], publisher.Acknowledged.Select(a => a.Sequence).Order());
        Assert.Equal(0, await outbox.CountAsync(default));
    }

    [Fact]
    public async Task Sequence_continues_after_a_restart_without_reuse()
    {
        using var dir = new TempDirectory();
        var keyPath = dir.File("device.pem");
        var seen = new List<ulong>();
        for (var run = 0; run < 2; run++)
        {
            using var key = DeviceKey.LoadOrCreate(keyPath);
            await using var outbox = await SqliteOutbox.OpenAsync(dir.File("outbox.db"), CancellationToken.None);
            var publisher = new FlakyPublisher();
            using var gateway = new EdgeGateway(key, new FakeSource(), outbox, publisher, new ManualTimeProvider());
            await gateway.AcquireWindowAsync(run * 10_000, default);
            await gateway.AcquireWindowAsync((run * 10_000) + 1000, default);
            await gateway.DrainOnceAsync(default);
            seen.AddRange(publisher.Acknowledged.Select(a => a.Sequence));
        }

        Assert.Equal([0UL, 1UL, 2UL, 3UL], seen.Order());
    }

    [Fact]
    public async Task Run_loop_signs_windows_as_time_passes_and_publishes_them()
    {
        using var dir = new TempDirectory();
        using var key = DeviceKey.Create();
        await using var outbox = await SqliteOutbox.OpenAsync(dir.File("outbox.db"), CancellationToken.None);
        var publisher = new FlakyPublisher();
        var options = new GatewayOptions { BatchDuration = TimeSpan.FromMilliseconds(100), IdlePoll = TimeSpan.FromMilliseconds(20) };
        using var gateway = new EdgeGateway(key, new FakeSource(), outbox, publisher, TimeProvider.System, options);
        using var cts = new CancellationTokenSource();

        var run = gateway.RunAsync(cts.Token);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (publisher.Acknowledged.Count < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await cts.CancelAsync();
        await run;
        Assert.True(publisher.Acknowledged.Count >= 3, $"only {publisher.Acknowledged.Count} batches were published");
        var windows = publisher.Acknowledged.Select(a => BatchCodec.Decode(a.Bytes).Batch.StartUnixMs).Order().ToArray();
        Assert.All(windows.Zip(windows.Skip(1)), pair => Assert.Equal(100, pair.Second - pair.First));
    }
}

using SensorChain.Transport.Mqtt;

namespace SensorChain.Mqtt.Tests;

public sealed class FaultTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private Broker _broker = null!;

    public async Task InitializeAsync() => _broker = await Broker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task Every_batch_arrives_exactly_once_after_dedupe_when_the_broker_restarts_mid_stream()
    {
        using var device = new TestDevice();
        var collector = new Collector();
        using var cts = new CancellationTokenSource();
        await using var subscriber = new MqttBatchSubscriber(new MqttSubscriberOptions { Connection = _broker.IngestTls("x"), Slots = ["ingest-restart"] }, TimeProvider.System);
        _ = subscriber.StartAsync(collector.Handle, cts.Token);
        await subscriber.WaitConnectedAsync(Wait, cts.Token);
        await using var publisher = new MqttBatchPublisher(new MqttPublisherOptions { Connection = await _broker.DeviceTlsAsync(device.KeyFile, device.Id), DeviceId = device.Id, MaxInFlight = 8 }, TimeProvider.System);

        const int total = 400;
        var sender = Task.Run(async () =>
        {
            for (ulong seq = 1; seq <= total; seq++)
            {
                // What the gateway's outbox does: retry until acknowledged.
                while (true)
                {
                    try
                    {
                        await publisher.PublishAsync(device.Id, seq, Collector.Payload(seq), cts.Token);
                        break;
                    }
                    catch (SensorChain.Transport.TransportException)
                    {
                        await Task.Delay(100);
                    }
                }

                await Task.Delay(5);
            }
        });

        Assert.True(await Collector.Eventually(() => collector.Distinct >= 100, Wait));
        await _broker.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(publisher.IsConnected);
        await _broker.RestartAsync();

        await sender.WaitAsync(Wait);
        Assert.True(await Collector.Eventually(() => collector.Distinct == total, Wait), $"stored {collector.Distinct} of {total}");
        Assert.Equal(Enumerable.Range(1, total).Select(i => (ulong)i), collector.Keys.Select(k => k.Sequence).Order());
    }

    [Fact]
    public async Task Two_ingesters_in_a_group_split_the_load_and_a_replacement_takes_over_the_dead_ones_backlog()
    {
        using var device = new TestDevice();
        var first = new Collector();
        var second = new Collector();
        using var cts = new CancellationTokenSource();
        await using var a = new MqttBatchSubscriber(new MqttSubscriberOptions { Connection = _broker.IngestTls("x"), Slots = ["ingest-a"], ClockInterval = TimeSpan.Zero }, TimeProvider.System);
        var b = new MqttBatchSubscriber(new MqttSubscriberOptions { Connection = _broker.IngestTls("x"), Slots = ["ingest-b"], ClockInterval = TimeSpan.Zero }, TimeProvider.System);
        _ = a.StartAsync(first.Handle, cts.Token);
        _ = b.StartAsync(second.Handle, cts.Token);
        await a.WaitConnectedAsync(Wait, cts.Token);
        await b.WaitConnectedAsync(Wait, cts.Token);
        await using var publisher = new MqttBatchPublisher(new MqttPublisherOptions { Connection = await _broker.DeviceTlsAsync(device.KeyFile, device.Id), DeviceId = device.Id }, TimeProvider.System);

        for (ulong seq = 1; seq <= 200; seq++)
        {
            await publisher.PublishAsync(device.Id, seq, Collector.Payload(seq), cts.Token);
        }

        Assert.True(await Collector.Eventually(() => first.Distinct + second.Distinct >= 200, Wait));
        Assert.InRange(first.Distinct, 50, 150);
        Assert.InRange(second.Distinct, 50, 150);
        Assert.Empty(first.Keys.Intersect(second.Keys));

        b.Crash();
        for (ulong seq = 201; seq <= 400; seq++)
        {
            await publisher.PublishAsync(device.Id, seq, Collector.Payload(seq), cts.Token);
        }

        // Mosquitto keeps routing slot b's share to its session; a replacement process resumes slot b and drains it.
        var replacement = new Collector();
        await using var c = new MqttBatchSubscriber(new MqttSubscriberOptions { Connection = _broker.IngestTls("x"), Slots = ["ingest-b"], ClockInterval = TimeSpan.Zero }, TimeProvider.System);
        _ = c.StartAsync(replacement.Handle, cts.Token);
        var all = () => first.Keys.Concat(second.Keys).Concat(replacement.Keys).Distinct().Count();
        Assert.True(await Collector.Eventually(() => all() == 400, Wait), $"stored {all()} of 400");
        Assert.True(replacement.Distinct > 0);
    }

    [Fact]
    public async Task Survivor_takes_over_a_crashed_ingesters_slot_and_hands_it_back_when_the_owner_returns()
    {
        using var device = new TestDevice();
        var survivor = new Collector();
        var returned = new Collector();
        using var cts = new CancellationTokenSource();
        MqttSubscriberOptions Options(string slot) => new() { Connection = _broker.IngestTls("x"), Group = "tk", Slots = [slot], ClockInterval = TimeSpan.Zero, TakeoverGrace = TimeSpan.FromMilliseconds(500) };
        await using var a = new MqttBatchSubscriber(Options("tk-a"), TimeProvider.System);
        var b = new MqttBatchSubscriber(Options("tk-b"), TimeProvider.System);
        _ = a.StartAsync(survivor.Handle, cts.Token);
        _ = b.StartAsync(new Collector().Handle, cts.Token);
        await a.WaitConnectedAsync(Wait, cts.Token);
        await b.WaitConnectedAsync(Wait, cts.Token);
        await using var publisher = new MqttBatchPublisher(new MqttPublisherOptions { Connection = await _broker.DeviceTlsAsync(device.KeyFile, device.Id), DeviceId = device.Id }, TimeProvider.System);
        Assert.True(await Collector.Eventually(() => _broker.ReadRetainedAsync(MqttTopics.IngestSlotStatus("tk", "tk-b")).GetAwaiter().GetResult() == "online", Wait));

        // tk-b dies for good: half of what follows goes into its session; the survivor must drain it.
        b.Crash();
        for (ulong seq = 1; seq <= 200; seq++)
        {
            await publisher.PublishAsync(device.Id, seq, Collector.Payload(seq), cts.Token);
        }

        Assert.True(await Collector.Eventually(() => survivor.Distinct == 200, Wait), $"the survivor stored {survivor.Distinct} of 200");
        Assert.Equal(["tk-b"], a.TakenOverSlots);
        Assert.Equal("drained-by tk-a", await _broker.ReadRetainedAsync(MqttTopics.IngestSlotStatus("tk", "tk-b")));

        // The owner comes back: its connect takes the session over, the survivor releases without a reconnect fight.
        await using var c = new MqttBatchSubscriber(Options("tk-b"), TimeProvider.System);
        _ = c.StartAsync(returned.Handle, cts.Token);
        await c.WaitConnectedAsync(Wait, cts.Token);
        Assert.True(await Collector.Eventually(() => a.TakenOverSlots.Count == 0, Wait), "the survivor kept the slot");
        Assert.True(await Collector.Eventually(() => _broker.ReadRetainedAsync(MqttTopics.IngestSlotStatus("tk", "tk-b")).GetAwaiter().GetResult() == "online", Wait));
        var stable = System.Diagnostics.Stopwatch.StartNew();
        while (stable.Elapsed < TimeSpan.FromSeconds(3))
        {
            Assert.True(c.IsConnected, "the returned owner lost its connection again (reconnect fight)");
            await Task.Delay(50);
        }

        Assert.Empty(a.TakenOverSlots);
        for (ulong seq = 201; seq <= 300; seq++)
        {
            await publisher.PublishAsync(device.Id, seq, Collector.Payload(seq), cts.Token);
        }

        var all = () => survivor.Keys.Concat(returned.Keys).Distinct().Count();
        Assert.True(await Collector.Eventually(() => all() == 300, Wait), $"stored {all()} of 300");
        Assert.InRange(returned.Distinct, 20, 80); // the group splits between the two again
    }

    [Fact]
    public async Task A_batch_whose_store_fails_is_not_acknowledged_and_is_redelivered()
    {
        using var device = new TestDevice();
        var collector = new Collector();
        var failures = 0;
        collector.Before = b =>
        {
            if (Collector.SequenceOf(b.Payload.Span) == 5 && Interlocked.Increment(ref failures) <= 2)
            {
                throw new IOException("store unavailable");
            }

            return Task.CompletedTask;
        };
        using var cts = new CancellationTokenSource();
        await using var subscriber = new MqttBatchSubscriber(new MqttSubscriberOptions { Connection = _broker.IngestTls("x"), Slots = ["ingest-fail"] }, TimeProvider.System);
        _ = subscriber.StartAsync(collector.Handle, cts.Token);
        await subscriber.WaitConnectedAsync(Wait, cts.Token);
        await using var publisher = new MqttBatchPublisher(new MqttPublisherOptions { Connection = await _broker.DeviceTlsAsync(device.KeyFile, device.Id), DeviceId = device.Id }, TimeProvider.System);
        for (ulong seq = 1; seq <= 10; seq++)
        {
            await publisher.PublishAsync(device.Id, seq, Collector.Payload(seq), cts.Token);
        }

        Assert.True(await Collector.Eventually(() => collector.Distinct == 10, Wait), $"stored {collector.Distinct} of 10");
        Assert.Equal(3, Volatile.Read(ref failures));
    }
}

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
        Assert.True(await Collector.Eventually(() => _broker.ReadRetainedAsync(MqttTopics.IngestSlotStatus("tk", "tk-b")).GetAwaiter().GetResult() == "drained-by tk-a", Wait));

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
    public async Task Of_two_survivors_exactly_one_drains_a_dead_slot_and_a_dead_drainer_is_taken_over_in_turn()
    {
        using var device = new TestDevice();
        var stored = new Collector();
        using var cts = new CancellationTokenSource();
        MqttSubscriberOptions Options(string slot) => new() { Connection = _broker.IngestTls("x"), Group = "tk3", Slots = [slot], ClockInterval = TimeSpan.Zero, TakeoverGrace = TimeSpan.FromMilliseconds(300) };
        var subscribers = new[] { "tk3-a", "tk3-b", "tk3-c" }.Select(slot => new MqttBatchSubscriber(Options(slot), TimeProvider.System)).ToArray();
        try
        {
            foreach (var subscriber in subscribers)
            {
                _ = subscriber.StartAsync(stored.Handle, cts.Token);
                await subscriber.WaitConnectedAsync(Wait, cts.Token);
            }

            await using var publisher = new MqttBatchPublisher(new MqttPublisherOptions { Connection = await _broker.DeviceTlsAsync(device.KeyFile, device.Id), DeviceId = device.Id }, TimeProvider.System);
            await Task.Delay(500); // every watcher has seen every slot online
            subscribers[2].Crash();
            var (a, b) = (subscribers[0], subscribers[1]);
            // If both moved at once, the broker's session takeover disconnects the first, which releases: one holder remains.
            string Status() => _broker.ReadRetainedAsync(MqttTopics.IngestSlotStatus("tk3", "tk3-c")).GetAwaiter().GetResult();
            bool Settled() => (a.TakenOverSlots.Count, b.TakenOverSlots.Count) switch
            {
                (1, 0) => Status() == "drained-by tk3-a",
                (0, 1) => Status() == "drained-by tk3-b",
                _ => false,
            };
            var settledFor = System.Diagnostics.Stopwatch.StartNew();
            bool SettledForASecond()
            {
                if (Settled())
                {
                    return settledFor.Elapsed > TimeSpan.FromSeconds(1);
                }

                settledFor.Restart();
                return false;
            }

            Assert.True(await Collector.Eventually(SettledForASecond, Wait), $"tk3-c never settled on one survivor: a holds [{string.Join(",", a.TakenOverSlots)}], b holds [{string.Join(",", b.TakenOverSlots)}], status '{Status()}'");
            var holder = a.TakenOverSlots.Count == 1 ? a : b;
            var other = ReferenceEquals(holder, a) ? b : a;

            // ... and keeps holding it: no flapping between the survivors.
            var stable = System.Diagnostics.Stopwatch.StartNew();
            while (stable.Elapsed < TimeSpan.FromSeconds(2))
            {
                Assert.Equal(["tk3-c"], holder.TakenOverSlots);
                Assert.Empty(other.TakenOverSlots);
                await Task.Delay(50);
            }

            for (ulong seq = 1; seq <= 90; seq++)
            {
                await publisher.PublishAsync(device.Id, seq, Collector.Payload(seq), cts.Token);
            }

            Assert.True(await Collector.Eventually(() => stored.Distinct == 90, Wait), $"stored {stored.Distinct} of 90");

            // The drainer dies too: its own slot and the one it drained both fall to the last survivor.
            holder.Crash();
            Assert.True(await Collector.Eventually(() => other.TakenOverSlots.Count == 2, Wait), "the last survivor holds " + string.Join(",", other.TakenOverSlots));
            for (ulong seq = 91; seq <= 180; seq++)
            {
                await publisher.PublishAsync(device.Id, seq, Collector.Payload(seq), cts.Token);
            }

            Assert.True(await Collector.Eventually(() => stored.Distinct == 180, Wait), $"stored {stored.Distinct} of 180");
        }
        finally
        {
            foreach (var subscriber in subscribers)
            {
                await subscriber.DisposeAsync();
            }
        }
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

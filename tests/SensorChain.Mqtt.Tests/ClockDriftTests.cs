using FsCheck;
using FsCheck.Fluent;
using SensorChain.Transport.Mqtt;

namespace SensorChain.Mqtt.Tests;

public sealed class ClockDriftTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private Broker _broker = null!;

    public async Task InitializeAsync() => _broker = await Broker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task Ingester_records_each_gateways_clock_offset_and_the_gateway_sees_the_same_from_its_side()
    {
        using var fast = new TestDevice();
        using var right = new TestDevice();
        using var cts = new CancellationTokenSource();
        await using var subscriber = new MqttBatchSubscriber(new MqttSubscriberOptions { Connection = _broker.IngestTls("x"), Slots = ["ingest-clock"], ClockInterval = TimeSpan.FromMilliseconds(200) }, TimeProvider.System);
        var collector = new Collector();
        _ = subscriber.StartAsync(collector.Handle, cts.Token);
        await subscriber.WaitConnectedAsync(Wait, cts.Token);

        // One gateway's wall clock runs 45 s ahead of the cloud's, the other's is right.
        await using var ahead = new MqttBatchPublisher(new MqttPublisherOptions { Connection = await _broker.DeviceTlsAsync(fast.KeyFile, fast.Id), DeviceId = fast.Id }, new ShiftedTime(TimeSpan.FromSeconds(45)));
        await using var exact = new MqttBatchPublisher(new MqttPublisherOptions { Connection = await _broker.DeviceTlsAsync(right.KeyFile, right.Id), DeviceId = right.Id }, TimeProvider.System);
        for (ulong seq = 1; seq <= 5; seq++)
        {
            await ahead.PublishAsync(fast.Id, seq, Collector.Payload(seq), cts.Token);
            await exact.PublishAsync(right.Id, seq, Collector.Payload(seq), cts.Token);
        }

        Assert.True(await Collector.Eventually(() => collector.Distinct == 10, Wait));
        var offsets = subscriber.ClockOffsets;
        Assert.InRange(offsets[fast.Id].TotalSeconds, -46, -44);
        Assert.InRange(offsets[right.Id].TotalSeconds, -1, 1);
        Assert.True(await Collector.Eventually(() => ahead.ClockOffset is not null, Wait), "no clock beacon received");
        Assert.InRange(ahead.ClockOffset!.Value.TotalSeconds, -46, -44);
    }

    [Fact]
    public void Slot_status_topics_round_trip_and_anything_else_is_not_a_slot()
    {
        Assert.Equal("ingest-3", MqttTopics.SlotOfStatus("ingest", MqttTopics.IngestSlotStatus("ingest", "ingest-3")));
        Assert.Null(MqttTopics.SlotOfStatus("other", MqttTopics.IngestSlotStatus("ingest", "ingest-3")));
        Assert.Null(MqttTopics.SlotOfStatus("ingest", "sensorchain/v1/ingest/ingest//status"));
        Assert.Null(MqttTopics.SlotOfStatus("ingest", "sensorchain/v1/ingest/ingest/a/b/status"));
        Prop.ForAll<string>(topic =>
        {
            var slot = MqttTopics.SlotOfStatus("ingest", topic ?? string.Empty);
            return slot is null || MqttTopics.IngestSlotStatus("ingest", slot) == topic;
        }).QuickCheckThrowOnFailure();
    }
}

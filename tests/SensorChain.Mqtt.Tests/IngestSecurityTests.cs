using System.Collections.Concurrent;
using SensorChain.Ingest.Ingestion;
using SensorChain.Ingest.Sqlite;
using SensorChain.Ingest.Storage;
using SensorChain.Protocol;
using SensorChain.TestSupport;
using SensorChain.Transport.Mqtt;

namespace SensorChain.Mqtt.Tests;

public sealed class IngestSecurityTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private Broker _broker = null!;

    public async Task InitializeAsync() => _broker = await Broker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task Batch_sent_with_a_valid_certificate_but_signed_by_another_key_is_rejected_with_a_readable_reason()
    {
        using var device = new TestDevice();
        using var intruder = DeviceKey.Create();
        using var data = new TempDirectory();
        using var cts = new CancellationTokenSource();
        await using var store = await SqliteIngestStore.OpenAsync(data.Path, TimeProvider.System, cts.Token);
        await store.EnrollDeviceAsync(new DeviceEnrollment(device.Key.Id, device.Key.PublicKeySpki, "patient-1", TimeProvider.System.GetUtcNow()), cts.Token);
        using var ingest = new IngestService(store, [], TimeProvider.System);
        var results = new ConcurrentQueue<IngestResult>();
        await using var subscriber = new MqttBatchSubscriber(new MqttSubscriberOptions { Connection = _broker.IngestTls("x"), Slots = ["ingest-sec"] }, TimeProvider.System);
        _ = subscriber.StartAsync(async (b, ct) => results.Enqueue(await ingest.IngestAsync(b, ct)), cts.Token);
        await subscriber.WaitConnectedAsync(Wait, cts.Token);
        await using var publisher = new MqttBatchPublisher(new MqttPublisherOptions { Connection = await _broker.DeviceTlsAsync(device.KeyFile, device.Id), DeviceId = device.Id }, TimeProvider.System);

        // Claims to be the device (its id, its topic, its certificate) but the signature is the intruder's.
        var forgedBody = BatchCodec.EncodeBody(Batch(device.Key.Id, 0, BatchHash.Zero));
        var forged = new byte[forgedBody.Length + BatchFormat.SignatureSize];
        forgedBody.CopyTo(forged, 0);
        intruder.Sign(forgedBody, forged.AsSpan(forgedBody.Length));
        await publisher.PublishAsync(device.Id, 0, forged, cts.Token);

        // The intruder's own, correctly signed batch on the device's topic.
        await publisher.PublishAsync(device.Id, 0, BatchCodec.Sign(Batch(intruder.Id, 0, BatchHash.Zero), intruder).Bytes, cts.Token);

        // And the genuine batch is accepted.
        await publisher.PublishAsync(device.Id, 0, BatchCodec.Sign(Batch(device.Key.Id, 0, BatchHash.Zero), device.Key).Bytes, cts.Token);

        Assert.True(await Collector.Eventually(() => results.Count == 3, Wait), $"{results.Count} of 3 ingested");
        var all = results.ToArray();
        Assert.Equal(IngestRejectReason.BadSignature, all[0].Reason);
        Assert.Contains("does not verify against the enrolled key", all[0].Message);
        Assert.Equal(IngestRejectReason.TopicMismatch, all[1].Reason);
        Assert.Contains(intruder.Id.ToString(), all[1].Message);
        Assert.Equal(IngestOutcome.Accepted, all[2].Outcome);
    }

    private static SensorBatch Batch(DeviceId device, ulong sequence, BatchHash previous) =>
        new(device, sequence, previous, TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() - 2000, 1000, new byte[16],
            [ChannelBlock.FromValues(SensorKind.HeartRate, 1, [72]), ChannelBlock.FromValues(SensorKind.SpO2, 1, [97])]);
}

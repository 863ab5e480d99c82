using System.Diagnostics;
using SensorChain.Transport;
using SensorChain.Transport.Mqtt;

namespace SensorChain.Mqtt.Tests;

public sealed class TlsTransportTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private Broker _broker = null!;

    public async Task InitializeAsync() => _broker = await Broker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task Batch_published_with_device_certificate_arrives_at_ingester_over_tls()
    {
        using var device = new TestDevice();
        var collector = new Collector();
        using var cts = new CancellationTokenSource();
        await using var subscriber = new MqttBatchSubscriber(new MqttSubscriberOptions { Connection = _broker.IngestTls("x"), Slots = ["ingest-rt"] }, TimeProvider.System);
        var received = new List<ReceivedBatch>();
        _ = subscriber.StartAsync(async (b, ct) => { lock (received) { received.Add(b); } await collector.Handle(b, ct); }, cts.Token);
        await subscriber.WaitConnectedAsync(Wait, cts.Token);

        await using var publisher = new MqttBatchPublisher(new MqttPublisherOptions { Connection = await _broker.DeviceTlsAsync(device.KeyFile, device.Id), DeviceId = device.Id }, TimeProvider.System);
        for (ulong seq = 1; seq <= 50; seq++)
        {
            await publisher.PublishAsync(device.Id, seq, Collector.Payload(seq), cts.Token);
        }

        Assert.True(await Collector.Eventually(() => collector.Distinct == 50, Wait), $"received {collector.Distinct} of 50");
        lock (received)
        {
            Assert.All(received, b => Assert.Equal(Topics.Batches(device.Id), b.Topic));
            Assert.Equal(Collector.Payload(7), received.Single(b => Collector.SequenceOf(b.Payload.Span) == 7).Payload.ToArray());
        }
    }

    [Fact]
    public async Task Clients_whose_sockets_are_numbered_above_1024_connect_and_deliver()
    {
        // select() cannot watch descriptor 1024 or above; a fleet of gateways or a busy ingester opens that many files.
        var held = new List<FileStream>();
        try
        {
            for (var i = 0; i < 1100; i++)
            {
                held.Add(new FileStream("/dev/null", FileMode.Open, FileAccess.Read));
            }

            Assert.True(held[^1].SafeFileHandle.DangerousGetHandle() > 1024, "the test could not open enough descriptors to matter");
            using var device = new TestDevice();
            var collector = new Collector();
            using var cts = new CancellationTokenSource();
            await using var subscriber = new MqttBatchSubscriber(new MqttSubscriberOptions { Connection = _broker.IngestTls("x"), Slots = ["ingest-fd"] }, TimeProvider.System);
            _ = subscriber.StartAsync(collector.Handle, cts.Token);
            await subscriber.WaitConnectedAsync(Wait, cts.Token);
            await using var publisher = new MqttBatchPublisher(new MqttPublisherOptions { Connection = await _broker.DeviceTlsAsync(device.KeyFile, device.Id), DeviceId = device.Id }, TimeProvider.System);
            for (ulong seq = 1; seq <= 20; seq++)
            {
                await publisher.PublishAsync(device.Id, seq, Collector.Payload(seq), cts.Token);
            }

            Assert.True(await Collector.Eventually(() => collector.Distinct == 20, Wait), $"received {collector.Distinct} of 20");
        }
        finally
        {
            foreach (var stream in held)
            {
                await stream.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Client_without_certificate_never_connects_and_says_why()
    {
        var options = _broker.IngestTls("no-cert") with { CertFile = null, KeyFile = null };
        await using var publisher = new MqttBatchPublisher(new MqttPublisherOptions { Connection = options, DeviceId = "no-cert" }, TimeProvider.System);
        Assert.True(await Collector.Eventually(() => publisher.LastError is not null, Wait));
        await Task.Delay(1000);
        Assert.False(publisher.IsConnected);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => publisher.PublishAsync("no-cert", 1, Collector.Payload(1), cts.Token));
        // The same with mosquitto_pub: TLS with the right CA but no client certificate is refused, nothing is published.
        var psi = new ProcessStartInfo("mosquitto_pub") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-V", "5", "-q", "1", "-h", "127.0.0.1", "-p", _broker.TlsPort.ToString(), "--cafile", _broker.CaFile, "-i", "no-cert-pub", "-t", "sensorchain/v1/devices/x/batches", "-m", "x" })
        {
            psi.ArgumentList.Add(arg);
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Broker.Run(psi));
        Assert.Contains("failed", refused.Message);
    }

    [Fact]
    public async Task Device_certificate_cannot_publish_to_another_devices_topic()
    {
        using var deviceA = new TestDevice();
        using var deviceB = new TestDevice();
        var collector = new Collector();
        using var cts = new CancellationTokenSource();
        await using var subscriber = new MqttBatchSubscriber(new MqttSubscriberOptions { Connection = _broker.IngestTls("x"), Slots = ["ingest-acl"] }, TimeProvider.System);
        _ = subscriber.StartAsync(collector.Handle, cts.Token);
        await subscriber.WaitConnectedAsync(Wait, cts.Token);
        var optionsA = await _broker.DeviceTlsAsync(deviceA.KeyFile, deviceA.Id);

        // With mosquitto_pub and A's certificate: B's topic is refused, A's own topic works.
        await Broker.Run(Pub(optionsA, Topics.Batches(deviceB.Id), "forged!!"));
        await Broker.Run(Pub(optionsA, Topics.Batches(deviceA.Id), "own-own!"));

        // With the publisher: the refusal is an exception naming the reason.
        await using var publisher = new MqttBatchPublisher(new MqttPublisherOptions { Connection = optionsA with { ClientId = deviceA.Id + "-2" }, DeviceId = deviceA.Id }, TimeProvider.System);
        var refused = await Assert.ThrowsAsync<TransportException>(() => publisher.PublishAsync(deviceB.Id, 9, Collector.Payload(9), cts.Token));
        Assert.Contains("not authorized", refused.Message, StringComparison.OrdinalIgnoreCase);
        await publisher.PublishAsync(deviceA.Id, 10, Collector.Payload(10), cts.Token);

        Assert.True(await Collector.Eventually(() => collector.Distinct == 2, Wait));
        await Task.Delay(500);
        Assert.All(collector.Keys, k => Assert.Equal(deviceA.Id, k.Device));
        Assert.Equal(2, collector.Distinct);
    }

    [Fact]
    public async Task Crashed_gateway_is_marked_offline_by_its_last_will_and_clock_offset_is_measured()
    {
        using var device = new TestDevice();
        using var cts = new CancellationTokenSource();
        await using var subscriber = new MqttBatchSubscriber(new MqttSubscriberOptions { Connection = _broker.IngestTls("x"), Slots = ["ingest-will"], ClockInterval = TimeSpan.FromMilliseconds(200) }, TimeProvider.System);
        _ = subscriber.StartAsync(new Collector().Handle, cts.Token);
        await subscriber.WaitConnectedAsync(Wait, cts.Token);
        var publisher = new MqttBatchPublisher(new MqttPublisherOptions { Connection = await _broker.DeviceTlsAsync(device.KeyFile, device.Id), DeviceId = device.Id }, TimeProvider.System);
        await publisher.WaitConnectedAsync(cts.Token);
        Assert.True(await Collector.Eventually(() => _broker.ReadRetainedAsync(Topics.Status(device.Id)).GetAwaiter().GetResult() == "online", Wait));
        Assert.True(await Collector.Eventually(() => publisher.ClockOffset is not null, Wait), "no clock beacon received");
        Assert.InRange(publisher.ClockOffset!.Value.TotalMilliseconds, -2000, 2000);

        publisher.Crash();
        Assert.True(await Collector.Eventually(() => _broker.ReadRetainedAsync(Topics.Status(device.Id)).GetAwaiter().GetResult() == "offline", Wait));
    }

    private static ProcessStartInfo Pub(MqttConnectionOptions o, string topic, string message)
    {
        var psi = new ProcessStartInfo("mosquitto_pub") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-V", "5", "-q", "1", "-h", o.Host, "-p", o.Port.ToString(), "--cafile", o.CaFile!, "--cert", o.CertFile!, "--key", o.KeyFile!, "-i", "pub-" + Guid.NewGuid().ToString("N")[..8], "-t", topic, "-m", message })
        {
            psi.ArgumentList.Add(a);
        }

        return psi;
    }
}

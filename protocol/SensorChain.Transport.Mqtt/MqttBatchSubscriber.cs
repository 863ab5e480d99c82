using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SensorChain.Transport.Mqtt;

/// <summary>
/// The ingester's MQTT 5 subscriber: one connection per slot on <c>$share/&lt;group&gt;/sensorchain/v1/devices/+/batches</c>
/// at QoS 1 with a persistent session. A batch is acknowledged only after the handler has stored it.
/// </summary>
/// <remarks>
/// libmosquitto 2.0.11 has no manual acknowledgement: it queues the PUBACK just before calling on_message. With
/// <c>mosquitto_threaded_set(true)</c> that packet is written only by the network thread, after on_message returns.
/// So on_message runs the handler and waits for it: the PUBACK leaves only once the batch is stored. If the handler
/// fails (or the process is stopping) the socket is shut down inside the callback, the queued PUBACK is never written,
/// and the broker redelivers the message to the resumed session. Consequences: delivery to the handler is
/// at-least-once (a crash between the store's commit and the PUBACK redelivers), which the store's idempotence on
/// (device, sequence) turns into exactly-once storage; each slot handles one message at a time (add slots for
/// parallelism), and the receive maximum bounds what the broker puts in flight, so a slow store leaves the backlog
/// queued in the broker instead of dropping it. A handler slower than 1.5 x keep-alive costs a reconnect, not data.
/// </remarks>
public sealed class MqttBatchSubscriber : IBatchSubscriber, IMosquittoEvents
{
    private readonly MqttSubscriberOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<MosquittoClient> _clients = [];
    private Func<ReceivedBatch, CancellationToken, Task>? _handler;
    private CancellationToken _stopping;
    private readonly ClockDriftTracker _drift;
    private ITimer? _clockTimer;
    private SlotTakeover? _takeover;
    private long _received;

    /// <summary>Creates the subscriber; nothing connects before <see cref="StartAsync"/>.</summary>
    public MqttBatchSubscriber(MqttSubscriberOptions options, TimeProvider time, ILogger<MqttBatchSubscriber>? logger = null)
    {
        if (options.Slots.Count == 0)
        {
            throw new ArgumentException("At least one slot (client id) is required.", nameof(options));
        }

        _ = MqttTopics.SharedBatches(options.Group); // validates the group name
        _options = options;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _drift = new ClockDriftTracker(_logger);
    }

    /// <summary>Per device: cloud receive time minus gateway send time (an upper bound of the clock offset).</summary>
    public IReadOnlyDictionary<string, TimeSpan> ClockOffsets => _drift.Offsets;

    /// <summary>Slots of dead peers this process has taken over and currently drains (empty without <see cref="MqttSubscriberOptions.TakeoverGrace"/>).</summary>
    public IReadOnlyList<string> TakenOverSlots => _takeover?.Drained ?? [];

    /// <summary>Messages handed to the handler so far (including redeliveries).</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>True when every slot is connected.</summary>
    public bool IsConnected => _clients.Count > 0 && _clients.TrueForAll(c => c.IsConnected);

    /// <summary>Connection problems per slot, for operators.</summary>
    public IReadOnlyList<string> Problems => [.. _clients.Where(c => c.LastError is not null).Select(c => $"{c.Options.ClientId}: {c.LastError}")];

    /// <inheritdoc />
    public Task StartAsync(Func<ReceivedBatch, CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        if (_handler is not null)
        {
            throw new InvalidOperationException("The subscriber is already started.");
        }

        _handler = handler;
        _stopping = cancellationToken;
        foreach (var slot in _options.Slots)
        {
            _clients.Add(CreateClient(slot));
        }

        if (_options.TakeoverGrace is { } grace)
        {
            _takeover = new SlotTakeover(_options.Group, grace, _options.Slots, _time, _logger, CreateClient, () => _clients[0].IsConnected);
        }

        foreach (var client in _clients)
        {
            client.Start();
        }

        if (_options.ClockInterval > TimeSpan.Zero)
        {
            _clockTimer = _time.CreateTimer(_ => PublishClock(), null, TimeSpan.Zero, _options.ClockInterval);
        }

        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cancellationToken.Register(() =>
        {
            StopClients();
            stopped.TrySetResult();
        });
        return stopped.Task;
    }

    /// <summary>Waits until every slot is connected (for tests and start-up checks).</summary>
    public async Task WaitConnectedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var until = _time.GetUtcNow() + timeout;
        while (!IsConnected)
        {
            if (_time.GetUtcNow() > until)
            {
                throw new TransportException("The ingester could not connect: " + string.Join("; ", Problems));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), _time, cancellationToken);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        StopClients();
        return ValueTask.CompletedTask;
    }

    /// <summary>Test hook: vanish like a killed process, without DISCONNECT and without acknowledging the current message.</summary>
    internal void Crash()
    {
        _clockTimer?.Dispose();
        _takeover?.Crash();
        foreach (var client in _clients)
        {
            client.Kill();
        }
    }

    private void StopClients()
    {
        _clockTimer?.Dispose();
        _clockTimer = null;
        _takeover?.Dispose();
        foreach (var client in _clients)
        {
            _takeover?.PublishOffline(client);
            client.Dispose();
        }

        _drift.Dispose();
    }

    /// <summary>A connection for <paramref name="slot"/>; with takeover enabled it carries the slot's retained offline last will.</summary>
    private MosquittoClient CreateClient(string slot) => _options.TakeoverGrace is null
        ? new MosquittoClient(_options.Connection with { ClientId = slot }, this, _logger)
        : new MosquittoClient(_options.Connection with { ClientId = slot }, this, _logger, MqttTopics.IngestSlotStatus(_options.Group, slot), MosquittoClient.Utf8(MqttTopics.Offline));

    private void PublishClock()
    {
        try
        {
            var client = _clients.Find(c => c.IsConnected);
            client?.Publish(MqttTopics.Clock, Encoding.ASCII.GetBytes(_time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)), 0, false);
        }
        catch (TransportException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    void IMosquittoEvents.OnConnected(MosquittoClient client, int reasonCode, bool sessionPresent)
    {
        if (reasonCode == 0)
        {
            client.Subscribe(MqttTopics.SharedBatches(_options.Group), 1);
            if (_takeover is not null)
            {
                PublishStatus(client);
                if (ReferenceEquals(client, _clients[0]))
                {
                    client.Subscribe(MqttTopics.IngestSlotStatusFilter(_options.Group), 1);
                }
            }
        }
    }

    void IMosquittoEvents.OnDisconnected(MosquittoClient client, int rc) => _takeover?.OnDisconnected(client);

    private void PublishStatus(MosquittoClient client)
    {
        try
        {
            client.Publish(MqttTopics.IngestSlotStatus(_options.Group, client.Options.ClientId), MosquittoClient.Utf8(_takeover!.StatusOf(client)), 1, true);
        }
        catch (TransportException)
        {
            // Not connected any more: the next connect publishes it again.
        }
    }

    private void OnSlotStatus(string slot, ReadOnlySpan<byte> payload)
    {
        if (_takeover is null || payload.Length > 200)
        {
            return;
        }

        var own = _clients.Find(c => c.Options.ClientId == slot);
        if (_takeover.OnStatus(slot, Encoding.UTF8.GetString(payload), own) is { } host)
        {
            PublishStatus(host); // a stale last will (e.g. of a drainer the owner just displaced) must not stay retained
        }
    }

    void IMosquittoEvents.OnPublished(MosquittoClient client, int mid, int reasonCode)
    {
    }

    void IMosquittoEvents.OnMessage(MosquittoClient client, string topic, ReadOnlySpan<byte> payload, IntPtr properties)
    {
        if (Topics.DeviceIdOf(topic) is not { } device)
        {
            if (MqttTopics.SlotOfStatus(_options.Group, topic) is { } slot)
            {
                OnSlotStatus(slot, payload);
            }
            else
            {
                MqttLog.UnexpectedTopic(_logger, topic);
            }

            return;
        }

        if (_stopping.IsCancellationRequested || _handler is null)
        {
            client.AbortConnection(); // not stored: must not be acknowledged
            return;
        }

        var batch = new ReceivedBatch(topic, payload.ToArray(), _time.GetUtcNow());
        Interlocked.Increment(ref _received);
        if (long.TryParse(MosquittoClient.ReadUserProperty(properties, "sc-sent"), NumberStyles.None, CultureInfo.InvariantCulture, out var sentMs))
        {
            _drift.Record(device, sentMs, batch.ReceivedAt.ToUnixTimeMilliseconds());
        }
        try
        {
            // Deliberately synchronous: the PUBACK queued for this message is written only after we return.
            _handler(batch, _stopping).GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            MqttLog.HandlerFailed(_logger, topic, ex);
            client.AbortConnection();
        }
    }
}

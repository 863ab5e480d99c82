using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SensorChain.Transport.Mqtt;

/// <summary>
/// The gateway's MQTT 5 publisher: QoS 1 on <c>sensorchain/v1/devices/&lt;id&gt;/batches</c>, a task completes only
/// on the broker's PUBACK for that message id, at most <see cref="MqttPublisherOptions.MaxInFlight"/> unacknowledged.
/// Retained <c>online</c> status on connect, retained <c>offline</c> last will. Measures the clock offset to the
/// cloud from the ingester's clock beacon (<see cref="MqttTopics.Clock"/>).
/// </summary>
public sealed class MqttBatchPublisher : IBatchPublisher, IMosquittoEvents
{
    private const int NoMatchingSubscribers = 0x10;
    private readonly MqttPublisherOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MosquittoClient _client;
    private readonly SemaphoreSlim _window;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, TaskCompletionSource> _pending = [];
    private TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(50);
    private long _clockOffsetMs = long.MinValue;

    /// <summary>Creates the publisher and starts connecting in the background.</summary>
    public MqttBatchPublisher(MqttPublisherOptions options, TimeProvider time, ILogger<MqttBatchPublisher>? logger = null)
    {
        if (options.MaxInFlight < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxInFlight must be at least 1.");
        }

        _options = options;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _window = new SemaphoreSlim(options.MaxInFlight, options.MaxInFlight);
        _client = new MosquittoClient(options.Connection, this, _logger, Topics.Status(options.DeviceId), MosquittoClient.Utf8(MqttTopics.Offline));
        _client.Start();
    }

    /// <inheritdoc />
    public bool IsConnected => _client.IsConnected;

    /// <summary>The last connection problem an operator should see (TLS, authorisation, refused), or null.</summary>
    public string? LastError => _client.LastError;

    /// <summary>Cloud clock minus gateway clock from the latest beacon (includes one-way latency), or null before the first.</summary>
    public TimeSpan? ClockOffset
    {
        get
        {
            var ms = Interlocked.Read(ref _clockOffsetMs);
            return ms == long.MinValue ? null : TimeSpan.FromMilliseconds(ms);
        }
    }

    /// <summary>Completes when the client is connected.</summary>
    public Task WaitConnectedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _connected.Task.WaitAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task PublishAsync(string deviceId, ulong sequence, ReadOnlyMemory<byte> batch, CancellationToken cancellationToken)
    {
        await _window.WaitAsync(cancellationToken);
        var mid = -1;
        try
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            while (mid < 0)
            {
                await WaitConnectedAsync(cancellationToken);
                KeyValuePair<string, string>[] props =
                [
                    new("sc-seq", sequence.ToString(CultureInfo.InvariantCulture)),
                    new("sc-sent", _time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
                ];

                // Under the lock so the PUBACK callback (which takes it too) cannot look the mid up before it is registered.
                lock (_gate)
                {
                    if (_client.TryPublish(Topics.Batches(deviceId), batch.Span, 1, false, props, out var queued))
                    {
                        mid = queued;
                        _pending[mid] = done;
                        continue;
                    }

                    // The connection dropped after the wait said connected: wait for the reconnect like any later caller.
                    if (!_client.IsConnected && _connected.Task.IsCompleted)
                    {
                        _connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                }

                // Also when the network thread has not yet noticed the drop (or has just reconnected): try again shortly.
                await Task.Delay(RetryPause, _time, cancellationToken);
            }

            await done.Task.WaitAsync(_options.AckTimeout, _time, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new TransportException($"No PUBACK for batch {sequence} of {deviceId} within {_options.AckTimeout.TotalSeconds} s.", ex);
        }
        finally
        {
            if (mid >= 0)
            {
                lock (_gate)
                {
                    _pending.Remove(mid);
                }
            }

            _window.Release();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                // A clean stop is not a crash: say so, since DISCONNECT suppresses the last will.
                _ = _client.Publish(Topics.Status(_options.DeviceId), MosquittoClient.Utf8(MqttTopics.Offline), 1, true);
            }
            catch (TransportException)
            {
            }
        }

        _client.Dispose();
        lock (_gate)
        {
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new TransportException("The publisher was disposed before the PUBACK arrived."));
            }

            _pending.Clear();
        }

        _window.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Test hook: vanish like a killed process (no DISCONNECT), so the broker publishes the last will.</summary>
    internal void Crash() => _client.Kill();

    void IMosquittoEvents.OnConnected(MosquittoClient client, int reasonCode, bool sessionPresent)
    {
        if (reasonCode != 0)
        {
            return;
        }

        client.Subscribe(MqttTopics.Clock, 0);
        client.Publish(Topics.Status(_options.DeviceId), MosquittoClient.Utf8(MqttTopics.Online), 1, true);
        lock (_gate)
        {
            _connected.TrySetResult();
        }
    }

    void IMosquittoEvents.OnDisconnected(MosquittoClient client, int rc)
    {
        lock (_gate)
        {
            if (_connected.Task.IsCompleted)
            {
                _connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        // Unacknowledged publishes stay queued in libmosquitto and are resent (DUP) after the reconnect.
    }

    void IMosquittoEvents.OnPublished(MosquittoClient client, int mid, int reasonCode)
    {
        TaskCompletionSource? done;
        lock (_gate)
        {
            _pending.Remove(mid, out done);
        }

        if (done is null)
        {
            return; // status messages, or a publish whose caller gave up
        }

        if (reasonCode == NoMatchingSubscribers)
        {
            // Nobody would ever get it (e.g. a restarted broker before the ingesters re-subscribed): keep it in the outbox.
            done.TrySetException(new TransportException("The broker has no ingester subscription for this batch (PUBACK 0x10, no matching subscribers); it stays in the outbox and is retried."));
        }
        else if (reasonCode >= 0x80)
        {
            var reason = Native.MosquittoNative.ReasonText(reasonCode);
            MqttLog.PublishRefused(_logger, mid, reason);
            done.TrySetException(new TransportException($"The broker refused the batch: {reason} (reason code 0x{reasonCode:x2})."));
        }
        else
        {
            done.TrySetResult();
        }
    }

    void IMosquittoEvents.OnMessage(MosquittoClient client, string topic, ReadOnlySpan<byte> payload, IntPtr properties)
    {
        if (topic != MqttTopics.Clock || payload.Length > 32)
        {
            return;
        }

        if (long.TryParse(Encoding.ASCII.GetString(payload), NumberStyles.None, CultureInfo.InvariantCulture, out var cloudMs))
        {
            var offset = cloudMs - _time.GetUtcNow().ToUnixTimeMilliseconds();
            var previous = Interlocked.Exchange(ref _clockOffsetMs, offset);
            if (previous == long.MinValue || Math.Abs(previous - offset) > 250)
            {
                MqttLog.ClockOffset(_logger, offset);
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace SensorChain.Transport.Mqtt;

/// <summary>
/// The cloud side of the clock measurement: per device, cloud receive time minus the gateway's wall clock when it sent
/// the batch (MQTT 5 user property <c>sc-sent</c>). That is the clock offset (cloud minus gateway) plus the delivery
/// delay, so the smallest value of a window of recent batches is the tightest upper bound of the offset; the gateway's
/// beacon figure (<see cref="MqttBatchPublisher.ClockOffset"/>) is the matching lower bound. Logged per device when it
/// first appears or moves by more than <see cref="LogThresholdMs"/>, and exposed as the gauge
/// <c>sensorchain.mqtt.clock_offset</c> (milliseconds, tag <c>device</c>: the pseudonymous id, no PHI).
/// </summary>
public sealed class ClockDriftTracker : IDisposable
{
    /// <summary>Batches per device over which the minimum is taken.</summary>
    public const int Window = 30;

    /// <summary>A change larger than this (ms) is logged again.</summary>
    public const long LogThresholdMs = 250;

    private readonly ConcurrentDictionary<string, DeviceDrift> _devices = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private readonly Meter _meter;

    /// <summary>Creates a tracker that logs to <paramref name="logger"/>.</summary>
    public ClockDriftTracker(ILogger logger)
    {
        _logger = logger;
        _meter = new Meter("SensorChain.Transport.Mqtt");
        _meter.CreateObservableGauge("sensorchain.mqtt.clock_offset", Observe, "ms", "Cloud receive time minus gateway send time, minimum over recent batches (upper bound of the clock offset)");
    }

    /// <summary>Current estimate per device id (cloud minus gateway, upper bound including the smallest recent delivery delay).</summary>
    public IReadOnlyDictionary<string, TimeSpan> Offsets =>
        _devices.Where(d => d.Value.Estimate is not null).ToDictionary(d => d.Key, d => TimeSpan.FromMilliseconds(d.Value.Estimate!.Value), StringComparer.Ordinal);

    /// <summary>Records one batch of <paramref name="deviceId"/> sent at <paramref name="sentUnixMs"/> (gateway clock) and received at <paramref name="receivedUnixMs"/> (cloud clock).</summary>
    public void Record(string deviceId, long sentUnixMs, long receivedUnixMs)
    {
        var drift = _devices.GetOrAdd(deviceId, _ => new DeviceDrift());
        if (drift.Add(receivedUnixMs - sentUnixMs) is { } changed)
        {
            MqttLog.DeviceClockOffset(_logger, deviceId, changed);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> Observe()
    {
        foreach (var (device, drift) in _devices)
        {
            if (drift.Estimate is { } ms)
            {
                yield return new Measurement<long>(ms, new KeyValuePair<string, object?>("device", device));
            }
        }
    }

    private sealed class DeviceDrift
    {
        private readonly Lock _gate = new();
        private long _windowMin = long.MaxValue;
        private int _count;
        private long? _estimate;
        private long? _logged;

        public long? Estimate
        {
            get
            {
                lock (_gate)
                {
                    return _estimate;
                }
            }
        }

        /// <summary>Adds a sample; returns the new estimate when it should be logged.</summary>
        public long? Add(long sample)
        {
            lock (_gate)
            {
                _windowMin = Math.Min(_windowMin, sample);
                _count++;
                if (_estimate is null || _count >= Window)
                {
                    _estimate = _estimate is null ? sample : _windowMin;
                    if (_count >= Window)
                    {
                        _windowMin = long.MaxValue;
                        _count = 0;
                    }
                }
                else if (sample < _estimate)
                {
                    _estimate = sample; // a faster delivery tightens the bound at once
                }

                if (_logged is null || Math.Abs(_logged.Value - _estimate.Value) > LogThresholdMs)
                {
                    _logged = _estimate;
                    return _estimate;
                }

                return null;
            }
        }
    }
}

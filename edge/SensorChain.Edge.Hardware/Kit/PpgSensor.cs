using SensorChain.Edge.Hardware.Bus;
using SensorChain.Edge.Hardware.Drivers.Max30102;
using SensorChain.Protocol;

namespace SensorChain.Edge.Hardware.Kit;

/// <summary>MAX30102: IR PPG waveform, pulse rate and SpO2 (1 Hz), finger-off → Detached, stuck FIFO → Stuck.</summary>
public sealed class PpgSensor : KitSensor
{
    private readonly Max30102 _chip;
    private readonly int _rate;
    private readonly PpgSample[] _buffer = new PpgSample[Max30102Register.FifoDepth];
    private readonly TimedSeries _ppg = new();
    private readonly TimedSeries _red = new();
    private readonly TimedSeries _pulse = new();
    private readonly TimedSeries _spo2 = new();
    private readonly TimedSeries _fingerOff = new();
    private readonly PulseOximetryEstimator _estimator;
    private double _anchorMs = double.NaN;
    private long _sampleIndex;
    private double _nextEstimateMs;

    /// <summary>Creates the sensor.</summary>
    public PpgSensor(I2cDevice device, int sampleRateHz)
    {
        _chip = new Max30102(device);
        _rate = sampleRateHz;
        _estimator = new PulseOximetryEstimator(sampleRateHz);
    }

    /// <inheritdoc />
    public override string Name => "max30102@0x57";

    /// <inheritdoc />
    public override double PollIntervalMs => 100;

    /// <summary>The most recent estimate.</summary>
    public PulseOximetryEstimate LastEstimate { get; private set; }

    /// <inheritdoc />
    protected override IEnumerable<TimedSeries> AllSeries => [_ppg, _pulse, _spo2];

    /// <inheritdoc />
    public override void Collect(long startMs, uint durationMs, List<ChannelBlock> output)
    {
        var detached = _fingerOff.Raw(startMs, startMs + durationMs).Exists(s => s.V > 0) ? SignalQuality.Detached : SignalQuality.Good;
        output.Add(Block(SensorKind.Ppg, _ppg, startMs, durationMs, _rate, detached, stuckSeconds: 0.5));
        var stuck = output[^1].Quality & SignalQuality.Stuck;
        output.Add(Vital(SensorKind.HeartRate, _pulse, startMs, durationMs, detached | stuck));
        output.Add(Vital(SensorKind.SpO2, _spo2, startMs, durationMs, detached | stuck));
    }

    /// <inheritdoc />
    protected override void Initialise(double nowMs)
    {
        _chip.ConfigureSpO2(_rate);
        _anchorMs = double.NaN;
        _estimator.Clear();
    }

    /// <inheritdoc />
    protected override void Read(double nowMs)
    {
        var n = _chip.ReadFifo(_buffer);
        if (n == 0)
        {
            return;
        }

        var period = 1000.0 / _rate;
        // Timestamps follow the chip's own sample clock; re-anchor if it drifts more than 50 ms from the host clock.
        var lastAt = _anchorMs + ((_sampleIndex + n - 1) * period);
        if (double.IsNaN(_anchorMs) || Math.Abs(lastAt - nowMs) > 50)
        {
            _anchorMs = nowMs - ((n - 1) * period);
            _sampleIndex = 0;
        }

        for (var i = 0; i < n; i++)
        {
            var t = _anchorMs + (_sampleIndex++ * period);
            _ppg.Add(t, _buffer[i].Ir);
            _red.Add(t, _buffer[i].Red);
            _estimator.Add(_buffer[i]);
        }

        if (nowMs >= _nextEstimateMs)
        {
            _nextEstimateMs = nowMs + 500;
            var estimate = _estimator.Estimate();
            LastEstimate = estimate;
            _fingerOff.Add(nowMs, estimate.FingerOn ? 0 : 1);
            if (!estimate.FingerOn)
            {
                _estimator.Clear();
            }

            if (!double.IsNaN(estimate.PulseRateBpm))
            {
                _pulse.Add(nowMs, estimate.PulseRateBpm);
            }

            if (!double.IsNaN(estimate.SpO2Percent))
            {
                _spo2.Add(nowMs, estimate.SpO2Percent);
            }
        }
    }

    /// <inheritdoc />
    protected override void OnFault() => _estimator.Clear();

    private ChannelBlock Vital(SensorKind kind, TimedSeries series, long startMs, uint durationMs, SignalQuality extra)
    {
        var raw = series.Raw(startMs, startMs + durationMs);
        var quality = extra | series.FlagsIn(startMs, startMs + durationMs) | (Faulted ? SignalQuality.DeviceFault : SignalQuality.Good);
        if (raw.Count == 0 || (extra & SignalQuality.Detached) != 0)
        {
            return ChannelBlock.FromValues(kind, 1, [], quality | SignalQuality.Incomplete);
        }

        return ChannelBlock.FromValues(kind, 1, [raw[^1].V], quality);
    }
}

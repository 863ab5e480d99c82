using SensorChain.Edge.Hardware.Bus;
using SensorChain.Edge.Hardware.Drivers.Adxl345;
using SensorChain.Protocol;

namespace SensorChain.Edge.Hardware.Kit;

/// <summary>ADXL345 X/Y/Z from its FIFO, body position per window, fall detection (free fall then impact → Motion).</summary>
public sealed class AccelerometerSensor : KitSensor
{
    private readonly Adxl345 _chip;
    private readonly AccelSample[] _buffer = new AccelSample[Adxl345Register.FifoDepth];
    private readonly TimedSeries _x = new();
    private readonly TimedSeries _y = new();
    private readonly TimedSeries _z = new();
    private readonly int _rateCode;
    private readonly double _rate;
    private FallDetector _falls;
    private double _anchorMs = double.NaN;
    private long _index;
    private readonly List<double> _fallTimes = [];

    /// <summary>Creates the sensor (rate 50 or 100 Hz).</summary>
    public AccelerometerSensor(I2cDevice device, double rateHz)
    {
        _chip = new Adxl345(device);
        _rateCode = rateHz >= 100 ? 0x0A : 0x09;
        _rate = Adxl345Register.RateHz(_rateCode);
        _falls = new FallDetector(_rate);
        Address = device.ConnectionSettings.DeviceAddress;
    }

    private int Address { get; }

    /// <inheritdoc />
    public override string Name => $"adxl345@0x{Address:X2}";

    /// <inheritdoc />
    public override double PollIntervalMs => 200;

    /// <summary>Body position over the most recent collected window.</summary>
    public BodyPosition LastPosition { get; private set; }

    /// <summary>Unix ms of each detected fall.</summary>
    public IReadOnlyList<double> FallTimes
    {
        get
        {
            lock (_fallTimes)
            {
                return [.. _fallTimes];
            }
        }
    }

    /// <inheritdoc />
    protected override IEnumerable<TimedSeries> AllSeries => [_x, _y, _z];

    /// <summary>Classifies the posture from the samples of a window.</summary>
    public BodyPosition PositionIn(long startMs, uint durationMs)
    {
        var x = _x.Raw(startMs, startMs + durationMs);
        var y = _y.Raw(startMs, startMs + durationMs);
        var z = _z.Raw(startMs, startMs + durationMs);
        var n = Math.Min(x.Count, Math.Min(y.Count, z.Count));
        var samples = new AccelSample[n];
        for (var i = 0; i < n; i++)
        {
            samples[i] = new AccelSample(x[i].V, y[i].V, z[i].V);
        }

        return PostureClassifier.Classify(samples);
    }

    /// <inheritdoc />
    public override void Collect(long startMs, uint durationMs, List<ChannelBlock> output)
    {
        SignalQuality motion;
        lock (_fallTimes)
        {
            motion = _fallTimes.Exists(t => t >= startMs - 500 && t < startMs + durationMs) ? SignalQuality.Motion : SignalQuality.Good;
        }

        LastPosition = PositionIn(startMs, durationMs);
        output.Add(Block(SensorKind.AccelX, _x, startMs, durationMs, _rate, motion));
        output.Add(Block(SensorKind.AccelY, _y, startMs, durationMs, _rate, motion));
        output.Add(Block(SensorKind.AccelZ, _z, startMs, durationMs, _rate, motion));
    }

    /// <inheritdoc />
    protected override void Initialise(double nowMs)
    {
        _chip.Configure(_rateCode);
        _anchorMs = double.NaN;
        _falls = new FallDetector(_rate);
    }

    /// <inheritdoc />
    protected override void Read(double nowMs)
    {
        var n = _chip.ReadFifo(_buffer);
        if (n == 0)
        {
            return;
        }

        var period = 1000 / _rate;
        var lastAt = _anchorMs + ((_index + n - 1) * period);
        if (double.IsNaN(_anchorMs) || Math.Abs(lastAt - nowMs) > 60)
        {
            _anchorMs = nowMs - ((n - 1) * period);
            _index = 0;
        }

        for (var i = 0; i < n; i++)
        {
            var t = _anchorMs + (_index++ * period);
            var s = _buffer[i];
            _x.Add(t, s.X);
            _y.Add(t, s.Y);
            _z.Add(t, s.Z);
            if (_falls.Add(s))
            {
                lock (_fallTimes)
                {
                    _fallTimes.Add(t);
                }
            }
        }
    }
}

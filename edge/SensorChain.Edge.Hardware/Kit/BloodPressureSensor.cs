using SensorChain.Edge.Hardware.Drivers.BloodPressure;
using SensorChain.Edge.Hardware.Serial;
using SensorChain.Protocol;

namespace SensorChain.Edge.Hardware.Kit;

/// <summary>Blood-pressure cuff sending $PSCBP NMEA sentences: systolic, diastolic and mean spot readings.</summary>
public sealed class BloodPressureSensor : SerialSensor
{
    private readonly TimedSeries _systolic = new();
    private readonly TimedSeries _diastolic = new();
    private readonly TimedSeries _mean = new();

    /// <summary>Creates the sensor.</summary>
    public BloodPressureSensor(Func<ISerialPort> open, TimeProvider time)
        : base(open, time)
    {
    }

    /// <summary>Readings accepted.</summary>
    public long Readings { get; private set; }

    /// <inheritdoc />
    public override void Collect(long startMs, uint durationMs, List<ChannelBlock> output)
    {
        var flags = FlagsIn(startMs, durationMs);
        var systolic = Spot(SensorKind.BloodPressureSystolic, _systolic, startMs, durationMs, flags);
        if (systolic.Count == 0 && flags == SignalQuality.Good)
        {
            return;
        }

        output.Add(systolic);
        output.Add(Spot(SensorKind.BloodPressureDiastolic, _diastolic, startMs, durationMs, flags));
        output.Add(Spot(SensorKind.BloodPressureMean, _mean, startMs, durationMs, flags));
    }

    /// <inheritdoc />
    protected override bool IsFrameStart(byte b) => b == (byte)'$';

    /// <inheritdoc />
    protected override string? OnFrame(ReadOnlySpan<byte> frame, double nowMs)
    {
        var line = Ascii(frame).TrimEnd('\r', '\n');
        if (!BloodPressureSentenceParser.TryParse(line, out var reading, out var error))
        {
            return error;
        }

        _systolic.Add(nowMs, reading.Systolic);
        _diastolic.Add(nowMs, reading.Diastolic);
        _mean.Add(nowMs, reading.Mean);
        Readings++;
        return null;
    }
}

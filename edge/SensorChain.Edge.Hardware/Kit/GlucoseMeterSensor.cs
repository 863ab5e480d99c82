using SensorChain.Edge.Hardware.Drivers.GlucoseMeter;
using SensorChain.Edge.Hardware.Serial;
using SensorChain.Protocol;

namespace SensorChain.Edge.Hardware.Kit;

/// <summary>Glucose meter speaking ASTM E1381/E1394: frames are ACKed or NAKed; R records become Glucose spot readings.</summary>
public sealed class GlucoseMeterSensor : SerialSensor
{
    private readonly TimedSeries _glucose = new();

    /// <summary>Creates the sensor.</summary>
    public GlucoseMeterSensor(Func<ISerialPort> open, TimeProvider time)
        : base(open, time)
    {
    }

    /// <summary>Readings accepted.</summary>
    public long Readings { get; private set; }

    /// <inheritdoc />
    public override void Collect(long startMs, uint durationMs, List<ChannelBlock> output)
    {
        var block = Spot(SensorKind.Glucose, _glucose, startMs, durationMs, FlagsIn(startMs, durationMs));
        if (block.Count > 0 || block.Quality != SignalQuality.Good)
        {
            output.Add(block);
        }
    }

    /// <inheritdoc />
    protected override bool IsFrameStart(byte b) => b == AstmFrame.Stx;

    /// <inheritdoc />
    protected override void OnControlByte(byte b, ISerialPort? port)
    {
        if (b == AstmFrame.Enq)
        {
            Acknowledge(port, true);
        }
    }

    /// <inheritdoc />
    protected override void Acknowledge(ISerialPort? port, bool ok)
    {
        try
        {
            port?.Write([ok ? AstmFrame.Ack : AstmFrame.Nak]);
        }
        catch (IOException)
        {
            // The reader loop notices the broken port on its next read.
        }
    }

    /// <inheritdoc />
    protected override string? OnFrame(ReadOnlySpan<byte> frame, double nowMs)
    {
        var text = AstmFrame.TryDecode(frame, out var error);
        if (text is null)
        {
            return error;
        }

        if (GlucoseRecordParser.TryParse(text, out var reading, out error))
        {
            _glucose.Add(nowMs, reading.MgPerDl);
            Readings++;
            return null;
        }

        return error;
    }
}

using SensorChain.Edge.Hardware.Drivers.BloodPressure;
using SensorChain.FirmwareSim.Chips.I2c;
using SensorChain.FirmwareSim.Chips.Signals;

namespace SensorChain.FirmwareSim.Chips.Serial;

/// <summary>Emulated cuff: one $PSCBP sentence per measurement.</summary>
public sealed class BloodPressureMonitorDevice : EmulatedSerialDevice
{
    private readonly ISignalSource _source;

    /// <summary>Creates the cuff.</summary>
    public BloodPressureMonitorDevice(ISignalSource source, ChipClock clock, string linkPath, double intervalSeconds = 60, int baud = 9600)
        : base(clock, linkPath, baud, intervalSeconds) => _source = source;

    /// <inheritdoc />
    protected override byte[] Message(double t, bool corrupt)
    {
        var truth = _source.TruthAt(t);
        var mean = (int)Math.Round(truth.Diastolic + ((truth.Systolic - truth.Diastolic) / 3.0));
        var sentence = BloodPressureSentenceParser.Format(new BloodPressureReading(truth.Systolic, truth.Diastolic, mean, (int)Math.Round(truth.HeartRateBpm)));
        var bytes = NmeaSentence.Bytes(sentence);
        if (corrupt)
        {
            bytes[^3] = (byte)(bytes[^3] == (byte)'0' ? '1' : '0');
        }

        return bytes;
    }
}

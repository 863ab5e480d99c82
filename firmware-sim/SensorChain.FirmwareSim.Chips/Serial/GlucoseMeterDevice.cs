using System.Globalization;
using SensorChain.Edge.Hardware.Drivers.GlucoseMeter;
using SensorChain.FirmwareSim.Chips.I2c;
using SensorChain.FirmwareSim.Chips.Signals;

namespace SensorChain.FirmwareSim.Chips.Serial;

/// <summary>
/// Emulated glucose meter uploading each result as an ASTM E1381 session: ENQ, frames H / R / L (E1394 records),
/// EOT. It does not wait for the host's ACK before the next frame (a simplification; the host still ACKs/NAKs).
/// </summary>
public sealed class GlucoseMeterDevice : EmulatedSerialDevice
{
    private readonly ISignalSource _source;

    /// <summary>Creates the meter.</summary>
    public GlucoseMeterDevice(ISignalSource source, ChipClock clock, string linkPath, double intervalSeconds = 30, int baud = 9600)
        : base(clock, linkPath, baud, intervalSeconds) => _source = source;

    /// <inheritdoc />
    protected override byte[] Message(double t, bool corrupt)
    {
        var value = _source.TruthAt(t).GlucoseMgPerDl;
        var stamp = DateTimeOffset.UnixEpoch.AddSeconds(t).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var result = AstmFrame.Encode(2, string.Create(CultureInfo.InvariantCulture, $"R|1|^^^Glucose|{value:0}|mg/dL^P||||{stamp}\r"));
        if (corrupt)
        {
            result[^4] = (byte)(result[^4] == (byte)'0' ? '1' : '0');
        }

        using var stream = new MemoryStream();
        stream.WriteByte(AstmFrame.Enq);
        stream.Write(AstmFrame.Encode(1, "H|\\^&|||Contour^SensorChain-sim|||||||P|1\r"));
        stream.Write(result);
        stream.Write(AstmFrame.Encode(3, "L|1||N\r"));
        stream.WriteByte(AstmFrame.Eot);
        return stream.ToArray();
    }
}

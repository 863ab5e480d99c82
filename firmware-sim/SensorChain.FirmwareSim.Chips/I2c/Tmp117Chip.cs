using SensorChain.Edge.Hardware.Drivers.Tmp117;

namespace SensorChain.FirmwareSim.Chips.I2c;

/// <summary>
/// Register-level TMP117: continuous conversion with the cycle time from CONV[2:0]/AVG[1:0] (datasheet table 7-7),
/// Data_Ready (config bit 13) set at each conversion and cleared when the configuration register is read,
/// temperature result in 7.8125 m°C two's complement, DEVICE_ID 0x0117, one-shot and shutdown modes.
/// </summary>
public sealed class Tmp117Chip : IEmulatedI2cChip
{
    private static readonly double[,] CycleSeconds =
    {
        // AVG = 0, 8, 32, 64 averages
        { 0.0155, 0.125, 0.5, 1 },
        { 0.125, 0.125, 0.5, 1 },
        { 0.25, 0.25, 0.5, 1 },
        { 0.5, 0.5, 0.5, 1 },
        { 1, 1, 1, 1 },
        { 4, 4, 4, 4 },
        { 8, 8, 8, 8 },
        { 16, 16, 16, 16 },
    };

    private readonly Lock _gate = new();
    private readonly ChipClock _clock;
    private readonly Func<double, double> _celsius;
    private ushort _config = 0x0220;
    private short _result = unchecked((short)0x8000);
    private byte _pointer;
    private long _lastCycle = -1;
    private double _since;

    /// <summary>Creates the chip.</summary>
    public Tmp117Chip(int address, ChipClock clock, Func<double, double> celsius)
    {
        Address = address;
        _clock = clock;
        _celsius = celsius;
    }

    /// <inheritdoc />
    public int Address { get; }

    /// <inheritdoc />
    public void Transfer(ReadOnlySpan<byte> write, Span<byte> read)
    {
        lock (_gate)
        {
            var now = _clock.Now;
            Update(now);
            if (write.Length > 0)
            {
                _pointer = write[0];
                if (write.Length >= 3 && _pointer == Tmp117.Configuration)
                {
                    _config = (ushort)(((write[1] << 8) | write[2]) & 0x0FFC);
                    _since = now;
                    _lastCycle = -1;
                }
            }

            if (read.Length > 0)
            {
                ushort value = _pointer switch
                {
                    Tmp117.TemperatureResult => (ushort)_result,
                    Tmp117.Configuration => _config,
                    Tmp117.DeviceIdRegister => Tmp117.ExpectedDeviceId,
                    _ => 0,
                };
                if (_pointer == Tmp117.Configuration)
                {
                    _config = (ushort)(_config & ~Tmp117.DataReady);
                }

                for (var i = 0; i < read.Length; i++)
                {
                    read[i] = (byte)(i % 2 == 0 ? value >> 8 : value);
                }
            }
        }
    }

    private void Update(double now)
    {
        var mode = (_config >> 10) & 0x3;
        if (mode == 1)
        {
            return;
        }

        var cycle = CycleSeconds[(_config >> 7) & 0x7, (_config >> 5) & 0x3];
        var index = (long)Math.Floor((now - _since) / cycle);
        if (index >= 1 && index != _lastCycle)
        {
            _lastCycle = index;
            var t = _since + (index * cycle);
            _result = (short)Math.Round(_celsius(t) / Tmp117.Resolution);
            _config |= Tmp117.DataReady;
            if (mode == 3)
            {
                _config = (ushort)((_config & ~0x0C00) | 0x0400);
            }
        }
    }
}

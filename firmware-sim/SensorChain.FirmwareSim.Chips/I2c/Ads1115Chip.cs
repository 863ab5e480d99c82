using A = SensorChain.Edge.Hardware.Drivers.Ads1115.Ads1115Register;

namespace SensorChain.FirmwareSim.Chips.I2c;

/// <summary>
/// Register-level ADS1115: a pointer byte selects one of four 16-bit big-endian registers. Single-shot: writing
/// OS = 1 starts a conversion that completes 1/DR later (OS reads 0 until then) and powers down. Continuous:
/// the conversion register takes a new value every 1/DR. The input voltages come from a function of
/// (seconds, AINx); results are clipped at the PGA full scale and at the supply.
/// </summary>
public sealed class Ads1115Chip : IEmulatedI2cChip
{
    private readonly Lock _gate = new();
    private readonly ChipClock _clock;
    private readonly Func<double, int, double> _inputVolts;
    private ushort _config = A.DefaultConfig;
    private short _conversion;
    private ushort _low = 0x8000;
    private ushort _high = 0x7FFF;
    private byte _pointer;
    private double _busyUntil = double.NaN;
    private double _continuousSince;
    private long _lastContinuous = -1;

    /// <summary>Creates the chip at <paramref name="address"/> (0x48..0x4B) reading <paramref name="inputVolts"/>(t, ain).</summary>
    public Ads1115Chip(int address, ChipClock clock, Func<double, int, double> inputVolts)
    {
        Address = address;
        _clock = clock;
        _inputVolts = inputVolts;
    }

    /// <inheritdoc />
    public int Address { get; }

    /// <summary>Conversions completed.</summary>
    public long Conversions { get; private set; }

    /// <summary>Freezes the conversion result (stuck-sensor fault).</summary>
    public bool Stuck { get; set; }

    /// <inheritdoc />
    public void Transfer(ReadOnlySpan<byte> write, Span<byte> read)
    {
        lock (_gate)
        {
            var now = _clock.Now;
            Update(now);
            if (write.Length > 0)
            {
                _pointer = (byte)(write[0] & 0x3);
                if (write.Length >= 3)
                {
                    WriteRegister(_pointer, (ushort)((write[1] << 8) | write[2]), now);
                }
            }

            if (read.Length > 0)
            {
                var value = ReadRegister(_pointer);
                for (var i = 0; i < read.Length; i++)
                {
                    // The ADS1115 repeats the 16-bit register on longer reads.
                    read[i] = (byte)(i % 2 == 0 ? value >> 8 : value);
                }
            }
        }
    }

    private double Period => 1.0 / A.DataRates[(_config >> 5) & 0x7];

    private bool SingleShot => (_config & A.ModeSingleShot) != 0;

    private void Update(double now)
    {
        if (!double.IsNaN(_busyUntil) && now >= _busyUntil)
        {
            Convert(_busyUntil);
            _busyUntil = double.NaN;
        }

        if (!SingleShot)
        {
            var index = (long)Math.Floor((now - _continuousSince) / Period);
            if (index >= 0 && index != _lastContinuous)
            {
                _lastContinuous = index;
                Convert(_continuousSince + (index * Period));
            }
        }
    }

    private void Convert(double t)
    {
        Conversions++;
        if (Stuck)
        {
            return;
        }

        var mux = (_config >> 12) & 0x7;
        var volts = mux switch
        {
            0 => _inputVolts(t, 0) - _inputVolts(t, 1),
            1 => _inputVolts(t, 0) - _inputVolts(t, 3),
            2 => _inputVolts(t, 1) - _inputVolts(t, 3),
            3 => _inputVolts(t, 2) - _inputVolts(t, 3),
            _ => _inputVolts(t, mux - 4),
        };
        var fullScale = A.FullScaleVolts[(_config >> 9) & 0x7];
        _conversion = (short)Math.Clamp(Math.Round(volts / fullScale * 32768), -32768, 32767);
    }

    private ushort ReadRegister(byte pointer) => pointer switch
    {
        A.Conversion => (ushort)_conversion,
        A.Config => (ushort)(double.IsNaN(_busyUntil) ? _config | A.OperationalStatus : _config & ~A.OperationalStatus),
        A.LowThreshold => _low,
        _ => _high,
    };

    private void WriteRegister(byte pointer, ushort value, double now)
    {
        switch (pointer)
        {
            case A.Config:
                var wasContinuous = !SingleShot;
                _config = (ushort)(value & ~A.OperationalStatus);
                if (SingleShot && (value & A.OperationalStatus) != 0 && double.IsNaN(_busyUntil))
                {
                    _busyUntil = now + Period;
                }
                else if (!SingleShot && !wasContinuous)
                {
                    _continuousSince = now;
                    _lastContinuous = -1;
                }
                else if (!SingleShot)
                {
                    _continuousSince = now;
                    _lastContinuous = -1;
                }

                break;
            case A.LowThreshold:
                _low = value;
                break;
            case A.HighThreshold:
                _high = value;
                break;
        }
    }
}

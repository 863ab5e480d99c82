using SensorChain.Edge.Hardware.Drivers.Adxl345;
using SensorChain.FirmwareSim.Chips.Signals;
using X = SensorChain.Edge.Hardware.Drivers.Adxl345.Adxl345Register;

namespace SensorChain.FirmwareSim.Chips.I2c;

/// <summary>
/// Register-level ADXL345: samples at the BW_RATE output data rate while POWER_CTL.Measure is set; stream-mode FIFO
/// of 32 entries (oldest dropped, overrun flagged), FIFO_STATUS entry count, a 6-byte burst read from DATAX0 pops one
/// entry; full-resolution 3.9 mg/LSB little-endian; free-fall interrupt when all axes stay below THRESH_FF for
/// TIME_FF (latched in INT_SOURCE until read). Register addresses auto-increment on multi-byte reads.
/// </summary>
public sealed class Adxl345Chip : IEmulatedI2cChip
{
    private readonly Lock _gate = new();
    private readonly ISignalSource _source;
    private readonly ChipClock _clock;
    private readonly byte[] _registers = new byte[64];
    private readonly Queue<(short X, short Y, short Z)> _fifo = new();
    private (short X, short Y, short Z) _latest;
    private long _lastSample = -1;
    private int _freeFallRun;
    private byte _pointer;

    /// <summary>Creates the chip.</summary>
    public Adxl345Chip(ISignalSource source, ChipClock clock)
    {
        _source = source;
        _clock = clock;
        _registers[X.DeviceId] = X.ExpectedDeviceId;
        _registers[X.BandwidthRate] = 0x0A;
        _registers[X.InterruptSource] = 0x02;
    }

    /// <inheritdoc />
    public int Address => Adxl345.DefaultI2cAddress;

    /// <summary>Freezes the output (stuck-sensor fault).</summary>
    public bool Stuck { get; set; }

    /// <inheritdoc />
    public void Transfer(ReadOnlySpan<byte> write, Span<byte> read)
    {
        lock (_gate)
        {
            Advance();
            if (write.Length > 0)
            {
                _pointer = (byte)(write[0] & 0x3F);
                for (var i = 1; i < write.Length; i++)
                {
                    if (_pointer is not (X.DeviceId or X.InterruptSource or X.FifoStatus) and not (>= X.DataX0 and <= X.DataX0 + 5))
                    {
                        _registers[_pointer] = write[i];
                    }

                    _pointer = (byte)((_pointer + 1) & 0x3F);
                }
            }

            if (read.Length == 0)
            {
                return;
            }

            var start = _pointer;
            var touchesData = start <= X.DataX0 + 5 && start + read.Length > X.DataX0;
            if (touchesData && Streaming && _fifo.Count > 0)
            {
                _latest = _fifo.Dequeue();
            }

            for (var i = 0; i < read.Length; i++)
            {
                var register = (byte)((start + i) & 0x3F);
                read[i] = register switch
                {
                    X.DataX0 => (byte)_latest.X,
                    X.DataX0 + 1 => (byte)(_latest.X >> 8),
                    X.DataX0 + 2 => (byte)_latest.Y,
                    X.DataX0 + 3 => (byte)(_latest.Y >> 8),
                    X.DataX0 + 4 => (byte)_latest.Z,
                    X.DataX0 + 5 => (byte)(_latest.Z >> 8),
                    X.FifoStatus => (byte)Math.Min(_fifo.Count, 32),
                    _ => _registers[register],
                };
                if (register == X.InterruptSource)
                {
                    _registers[X.InterruptSource] = (byte)(_registers[X.InterruptSource] & ~(X.FreeFall | X.Overrun));
                }
            }

            _pointer = (byte)((start + read.Length) & 0x3F);
        }
    }

    private bool Streaming => (_registers[X.FifoControl] >> 6) is 2 or 1;

    private void Advance()
    {
        var rate = X.RateHz(_registers[X.BandwidthRate] & 0xF);
        var latest = (long)Math.Floor(_clock.Now * rate);
        if ((_registers[X.PowerControl] & X.Measure) == 0)
        {
            _lastSample = latest;
            return;
        }

        var first = Math.Max(_lastSample + 1, latest - 64);
        for (var k = first; k <= latest; k++)
        {
            Sample(_source.Acceleration(k / rate), rate);
        }

        _lastSample = latest;
    }

    private void Sample(AccelSample g, double rate)
    {
        var code = Stuck ? _latest : (Code(g.X), Code(g.Y), Code(g.Z));
        if (!Streaming)
        {
            _latest = code;
        }
        else
        {
            if (_fifo.Count >= X.FifoDepth)
            {
                _fifo.Dequeue();
                _registers[X.InterruptSource] |= X.Overrun;
            }

            _fifo.Enqueue(code);
        }

        _registers[X.InterruptSource] |= 0x80;
        var threshold = _registers[X.ThresholdFreeFall] * 0.0625;
        var below = Math.Abs(g.X) < threshold && Math.Abs(g.Y) < threshold && Math.Abs(g.Z) < threshold;
        _freeFallRun = below ? _freeFallRun + 1 : 0;
        if (below && _registers[X.TimeFreeFall] > 0 && _freeFallRun / rate * 1000 >= _registers[X.TimeFreeFall] * 5)
        {
            _registers[X.InterruptSource] |= X.FreeFall;
        }
    }

    private static short Code(double g) => (short)Math.Clamp(Math.Round(g / X.GPerLsb), -4096, 4095);
}

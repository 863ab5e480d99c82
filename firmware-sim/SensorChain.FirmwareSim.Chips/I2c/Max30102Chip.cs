using SensorChain.Edge.Hardware.Drivers.Max30102;
using SensorChain.FirmwareSim.Chips.Signals;
using R = SensorChain.Edge.Hardware.Drivers.Max30102.Max30102Register;

namespace SensorChain.FirmwareSim.Chips.I2c;

/// <summary>
/// Register-level MAX30102: samples are pushed into the 32-deep FIFO at SPO2_SR while MODE is SpO2/HR; FIFO_WR_PTR,
/// FIFO_RD_PTR and OVF_COUNTER behave per the datasheet (rollover overwrites the oldest sample, otherwise new
/// samples are lost; OVF_COUNTER saturates at 31 and clears when a sample is popped); A_FULL and PPG_RDY flags clear
/// on reading INT_STATUS_1; reading FIFO_DATA pops 6 bytes per sample without advancing the register pointer;
/// samples are left-justified to the LED_PW resolution (15..18 bits).
/// </summary>
public sealed class Max30102Chip : IEmulatedI2cChip
{
    private readonly Lock _gate = new();
    private readonly ISignalSource _source;
    private readonly ChipClock _clock;
    private readonly byte[] _registers = new byte[256];
    private readonly int[] _red = new int[R.FifoDepth];
    private readonly int[] _ir = new int[R.FifoDepth];
    private int _count;
    private long _lastSample = -1;
    private byte _pointer;
    private int _byteInSample;

    /// <summary>Creates the chip in its power-on state.</summary>
    public Max30102Chip(ISignalSource source, ChipClock clock)
    {
        _source = source;
        _clock = clock;
        Reset();
    }

    /// <inheritdoc />
    public int Address => Max30102.DefaultI2cAddress;

    /// <summary>Freezes the output at its current value (stuck-sensor fault).</summary>
    public bool Stuck { get; set; }

    private int? _stuckRed;
    private int? _stuckIr;

    /// <inheritdoc />
    public void Transfer(ReadOnlySpan<byte> write, Span<byte> read)
    {
        lock (_gate)
        {
            Advance();
            if (write.Length > 0)
            {
                _pointer = write[0];
                _byteInSample = 0;
                for (var i = 1; i < write.Length; i++)
                {
                    WriteRegister(_pointer, write[i]);
                    _pointer++;
                }
            }

            for (var i = 0; i < read.Length; i++)
            {
                if (_pointer == R.FifoData)
                {
                    read[i] = ReadFifoByte();
                    continue;
                }

                read[i] = ReadRegister(_pointer);
                _pointer++;
            }
        }
    }

    private void Reset()
    {
        Array.Clear(_registers);
        _registers[R.RevisionId] = 0x03;
        _registers[R.PartId] = R.ExpectedPartId;
        _registers[R.InterruptStatus1] = 0x01; // PWR_RDY after power-up.
        _count = 0;
    }

    private int SampleRate => R.SampleRates[(_registers[R.SpO2Configuration] >> 2) & 0x7];

    private int Resolution => 15 + (_registers[R.SpO2Configuration] & 0x3);

    private bool Running
    {
        get
        {
            var mode = _registers[R.ModeConfiguration];
            return (mode & 0x80) == 0 && (mode & 0x7) is 0x2 or 0x3 or 0x7;
        }
    }

    private void Advance()
    {
        var rate = SampleRate;
        var latest = (long)Math.Floor(_clock.Now * rate);
        if (!Running)
        {
            _lastSample = latest;
            return;
        }

        // After a long pause only the last FIFO-full of samples can matter; the rest were lost.
        var first = Math.Max(_lastSample + 1, latest - (2 * R.FifoDepth));
        if (first > _lastSample + 1)
        {
            AddLost(first - _lastSample - 1);
        }

        for (var k = first; k <= latest; k++)
        {
            Push(k / (double)rate);
        }

        _lastSample = latest;
    }

    private void Push(double t)
    {
        var (red, ir) = _source.PpgCounts(t);
        var shift = 18 - Resolution;
        var redCode = (Math.Clamp((int)Math.Round(red), 0, 0x3FFFF) >> shift) << shift;
        var irCode = (Math.Clamp((int)Math.Round(ir), 0, 0x3FFFF) >> shift) << shift;
        if (Stuck)
        {
            _stuckRed ??= redCode;
            _stuckIr ??= irCode;
            redCode = _stuckRed.Value;
            irCode = _stuckIr.Value;
        }
        else
        {
            _stuckRed = _stuckIr = null;
        }

        var rollover = (_registers[R.FifoConfiguration] & 0x10) != 0;
        if (_count == R.FifoDepth)
        {
            AddLost(1);
            if (!rollover)
            {
                return;
            }

            _registers[R.FifoReadPointer] = (byte)((_registers[R.FifoReadPointer] + 1) & 0x1F);
            _count--;
        }

        var write = _registers[R.FifoWritePointer] & 0x1F;
        _red[write] = redCode;
        _ir[write] = irCode;
        _registers[R.FifoWritePointer] = (byte)((write + 1) & 0x1F);
        _count++;
        var status = (byte)(_registers[R.InterruptStatus1] | R.PpgReady);
        if (_count >= R.FifoDepth - (_registers[R.FifoConfiguration] & 0xF))
        {
            status |= R.AlmostFull;
        }

        _registers[R.InterruptStatus1] = status;
    }

    private void AddLost(long lost) =>
        _registers[R.OverflowCounter] = (byte)Math.Min(0x1F, _registers[R.OverflowCounter] + lost);

    private byte ReadFifoByte()
    {
        var read = _registers[R.FifoReadPointer] & 0x1F;
        var index = _byteInSample;
        _byteInSample = (_byteInSample + 1) % 6;
        var value = index < 3 ? _red[read] : _ir[read];
        var b = (byte)(value >> (8 * (2 - (index % 3))));
        if (index == 5 && _count > 0)
        {
            _registers[R.FifoReadPointer] = (byte)((read + 1) & 0x1F);
            _registers[R.OverflowCounter] = 0;
            _count--;
        }

        return b;
    }

    private byte ReadRegister(byte register)
    {
        var value = _registers[register];
        if (register == R.InterruptStatus1)
        {
            _registers[register] = 0;
        }
        else if (register == R.OverflowCounter && _count == R.FifoDepth)
        {
            value = Math.Max(value, (byte)1);
        }

        return value;
    }

    private void WriteRegister(byte register, byte value)
    {
        switch (register)
        {
            case R.ModeConfiguration when (value & R.ModeReset) != 0:
                Reset();
                return;
            case R.FifoWritePointer or R.FifoReadPointer or R.OverflowCounter:
                _registers[register] = (byte)(value & 0x1F);
                _count = (_registers[R.FifoWritePointer] - _registers[R.FifoReadPointer]) & 0x1F;
                return;
            case R.InterruptStatus1 or R.InterruptStatus2 or R.PartId or R.RevisionId:
                return;
            default:
                _registers[register] = value;
                return;
        }
    }
}

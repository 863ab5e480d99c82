using SensorChain.Edge.Hardware.Bus;

namespace SensorChain.Edge.Hardware.Drivers.Max30102;

/// <summary>
/// Driver for the Maxim MAX30102 pulse-oximetry module in SpO2 mode: configures sample rate, pulse width (18-bit at
/// 411 µs) and LED currents, and drains the 32-sample FIFO using its write/read pointers and overflow counter.
/// </summary>
public sealed class Max30102
{
    /// <summary>The MAX30102's fixed 7-bit address.</summary>
    public const int DefaultI2cAddress = 0x57;

    private readonly I2cDevice _device;
    private readonly byte[] _fifo = new byte[Max30102Register.FifoDepth * 6];

    /// <summary>Wraps the device.</summary>
    public Max30102(I2cDevice device) => _device = device;

    /// <summary>Samples lost to FIFO overflow since the driver started.</summary>
    public long SamplesLost { get; private set; }

    /// <summary>Reads PART_ID (0x15 for a MAX30102).</summary>
    public byte ReadPartId() => ReadRegister(Max30102Register.PartId);

    /// <summary>Resets, then configures SpO2 mode at <paramref name="sampleRateHz"/>, 18-bit, ADC range 16384 nA, FIFO rollover on.</summary>
    public void ConfigureSpO2(int sampleRateHz = 100, byte ledCurrent = 0x24)
    {
        var rateCode = Array.IndexOf(Max30102Register.SampleRates, sampleRateHz);
        if (rateCode < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRateHz), sampleRateHz, "MAX30102 sample rates: 50, 100, 200, 400, 800, 1000, 1600, 3200 Hz.");
        }

        var part = ReadPartId();
        if (part != Max30102Register.ExpectedPartId)
        {
            throw new IOException($"Device at 0x{DefaultI2cAddress:X2} reports PART_ID 0x{part:X2}, not a MAX30102 (0x15).");
        }

        WriteRegister(Max30102Register.ModeConfiguration, Max30102Register.ModeReset);
        WriteRegister(Max30102Register.InterruptEnable1, Max30102Register.AlmostFull | Max30102Register.PpgReady);
        WriteRegister(Max30102Register.FifoWritePointer, 0);
        WriteRegister(Max30102Register.OverflowCounter, 0);
        WriteRegister(Max30102Register.FifoReadPointer, 0);
        // SMP_AVE = 000 (no averaging), FIFO_ROLLOVER_EN = 1, FIFO_A_FULL = 15 (17 samples).
        WriteRegister(Max30102Register.FifoConfiguration, 0x1F);
        // SPO2_ADC_RGE = 11 (16384 nA), SPO2_SR = rateCode, LED_PW = 11 (411 µs, 18-bit).
        WriteRegister(Max30102Register.SpO2Configuration, (byte)(0x60 | (rateCode << 2) | 0x03));
        WriteRegister(Max30102Register.Led1PulseAmplitude, ledCurrent);
        WriteRegister(Max30102Register.Led2PulseAmplitude, ledCurrent);
        WriteRegister(Max30102Register.ModeConfiguration, Max30102Register.ModeSpO2);
    }

    /// <summary>
    /// Drains the FIFO into <paramref name="destination"/> (at least 32 long). The number of unread samples is
    /// (FIFO_WR_PTR − FIFO_RD_PTR) mod 32; a non-zero OVF_COUNTER means the FIFO is full (32 samples) and that many
    /// older samples were lost.
    /// </summary>
    public int ReadFifo(Span<PpgSample> destination)
    {
        Span<byte> pointers = stackalloc byte[3];
        _device.WriteRead([Max30102Register.FifoWritePointer], pointers);
        var write = pointers[0] & 0x1F;
        var overflow = pointers[1] & 0x1F;
        var read = pointers[2] & 0x1F;
        var count = overflow > 0 ? Max30102Register.FifoDepth : (write - read) & 0x1F;
        SamplesLost += overflow;
        if (count == 0)
        {
            return 0;
        }

        count = Math.Min(count, destination.Length);
        var bytes = _fifo.AsSpan(0, count * 6);
        _device.WriteRead([Max30102Register.FifoData], bytes);
        for (var i = 0; i < count; i++)
        {
            var s = bytes.Slice(i * 6, 6);
            destination[i] = new PpgSample(((s[0] << 16) | (s[1] << 8) | s[2]) & 0x3FFFF, ((s[3] << 16) | (s[4] << 8) | s[5]) & 0x3FFFF);
        }

        return count;
    }

    private byte ReadRegister(byte register)
    {
        Span<byte> value = stackalloc byte[1];
        _device.WriteRead([register], value);
        return value[0];
    }

    private void WriteRegister(byte register, byte value) => _device.Write([register, value]);
}

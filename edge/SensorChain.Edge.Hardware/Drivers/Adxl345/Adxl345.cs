using SensorChain.Edge.Hardware.Bus;

namespace SensorChain.Edge.Hardware.Drivers.Adxl345;

/// <summary>
/// Driver for the Analog Devices ADXL345 3-axis accelerometer: full resolution ±16 g, FIFO in stream mode,
/// hardware free-fall interrupt thresholds. Each 6-byte burst read from DATAX0 pops one FIFO entry.
/// </summary>
public sealed class Adxl345
{
    /// <summary>Address with ALT ADDRESS tied low (0x1D when high).</summary>
    public const int DefaultI2cAddress = 0x53;

    private readonly I2cDevice _device;

    /// <summary>Wraps the device.</summary>
    public Adxl345(I2cDevice device) => _device = device;

    /// <summary>Checks DEVID, sets rate code (0x0A = 100 Hz, 0x09 = 50 Hz), full resolution, stream FIFO, free-fall thresholds, measure.</summary>
    public void Configure(int rateCode = 0x0A)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rateCode, 0x06);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rateCode, 0x0F);
        var id = ReadRegister(Adxl345Register.DeviceId);
        if (id != Adxl345Register.ExpectedDeviceId)
        {
            throw new IOException($"Device reports DEVID 0x{id:X2}, not an ADXL345 (0xE5).");
        }

        WriteRegister(Adxl345Register.PowerControl, 0);
        WriteRegister(Adxl345Register.BandwidthRate, (byte)rateCode);
        WriteRegister(Adxl345Register.DataFormat, Adxl345Register.FullResolution16G);
        // Free fall: below 0.375 g (6 × 62.5 mg) for 100 ms (20 × 5 ms), as the datasheet recommends.
        WriteRegister(Adxl345Register.ThresholdFreeFall, 6);
        WriteRegister(Adxl345Register.TimeFreeFall, 20);
        WriteRegister(Adxl345Register.InterruptEnable, Adxl345Register.FreeFall);
        WriteRegister(Adxl345Register.FifoControl, Adxl345Register.FifoStream);
        WriteRegister(Adxl345Register.PowerControl, Adxl345Register.Measure);
        RateHz = Adxl345Register.RateHz(rateCode);
    }

    /// <summary>Output data rate in Hz.</summary>
    public double RateHz { get; private set; } = 100;

    /// <summary>Reads INT_SOURCE (clears latched free-fall).</summary>
    public byte ReadInterruptSource() => ReadRegister(Adxl345Register.InterruptSource);

    /// <summary>Drains the FIFO (FIFO_STATUS entries, then one 6-byte read of DATAX0..DATAZ1 per entry).</summary>
    public int ReadFifo(Span<AccelSample> destination)
    {
        var entries = Math.Min(ReadRegister(Adxl345Register.FifoStatus) & 0x3F, destination.Length);
        Span<byte> data = stackalloc byte[6];
        for (var i = 0; i < entries; i++)
        {
            _device.WriteRead([Adxl345Register.DataX0], data);
            destination[i] = new AccelSample(
                (short)(data[0] | (data[1] << 8)) * Adxl345Register.GPerLsb,
                (short)(data[2] | (data[3] << 8)) * Adxl345Register.GPerLsb,
                (short)(data[4] | (data[5] << 8)) * Adxl345Register.GPerLsb);
        }

        return entries;
    }

    private byte ReadRegister(byte register)
    {
        Span<byte> value = stackalloc byte[1];
        _device.WriteRead([register], value);
        return value[0];
    }

    private void WriteRegister(byte register, byte value) => _device.Write([register, value]);
}

using System.Buffers.Binary;
using SensorChain.Edge.Hardware.Bus;

namespace SensorChain.Edge.Hardware.Drivers.Ads1115;

/// <summary>
/// Driver for the TI ADS1115 16-bit ΔΣ ADC: single-shot or continuous conversions, programmable gain and data rate,
/// conversion-ready from the OS bit (or the ALERT/RDY pin after <see cref="EnableConversionReadyPin"/>).
/// Registers are 16-bit big-endian, selected by the address-pointer byte.
/// </summary>
public sealed class Ads1115
{
    /// <summary>Address with ADDR tied to GND (0x49 VDD, 0x4A SDA, 0x4B SCL).</summary>
    public const int DefaultI2cAddress = 0x48;

    private readonly I2cDevice _device;

    /// <summary>Wraps the device.</summary>
    public Ads1115(I2cDevice device) => _device = device;

    /// <summary>PGA code in use (full scale <see cref="Ads1115Register.FullScaleVolts"/>).</summary>
    public int GainCode { get; private set; } = 2;

    /// <summary>Starts continuous conversions of <paramref name="input"/>.</summary>
    public void StartContinuous(Ads1115Input input, int gainCode, int dataRate) =>
        WriteConfig(Build(input, gainCode, dataRate, singleShot: false));

    /// <summary>Starts one conversion of <paramref name="input"/> (OS = 1, MODE = single-shot).</summary>
    public void StartSingleShot(Ads1115Input input, int gainCode, int dataRate) =>
        WriteConfig((ushort)(Ads1115Register.OperationalStatus | Build(input, gainCode, dataRate, singleShot: true)));

    /// <summary>True when no single-shot conversion is in progress (config OS bit reads 1).</summary>
    public bool IsConversionReady() => (ReadRegister(Ads1115Register.Config) & Ads1115Register.OperationalStatus) != 0;

    /// <summary>Reads the config register.</summary>
    public ushort ReadConfig() => ReadRegister(Ads1115Register.Config);

    /// <summary>Reads the last conversion result (two's complement).</summary>
    public short ReadRaw() => (short)ReadRegister(Ads1115Register.Conversion);

    /// <summary>Reads the last conversion in volts.</summary>
    public double ReadVolts() => ToVolts(ReadRaw(), GainCode);

    /// <summary>Volts for a raw code at a PGA setting.</summary>
    public static double ToVolts(short raw, int gainCode) => raw * Ads1115Register.FullScaleVolts[gainCode] / 32768.0;

    /// <summary>Hi_thresh MSB = 1 and Lo_thresh MSB = 0 turn ALERT/RDY into a conversion-ready pulse (COMP_QUE ≠ 11).</summary>
    public void EnableConversionReadyPin()
    {
        WriteRegister(Ads1115Register.HighThreshold, 0x8000);
        WriteRegister(Ads1115Register.LowThreshold, 0x0000);
    }

    private ushort Build(Ads1115Input input, int gainCode, int dataRate, bool singleShot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(gainCode);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(gainCode, 7);
        var rateCode = Array.IndexOf(Ads1115Register.DataRates, dataRate);
        if (rateCode < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(dataRate), dataRate, "ADS1115 data rates: 8, 16, 32, 64, 128, 250, 475, 860 SPS.");
        }

        GainCode = gainCode;
        return (ushort)(((int)input << 12) | (gainCode << 9) | (singleShot ? Ads1115Register.ModeSingleShot : 0) | (rateCode << 5) | Ads1115Register.ComparatorDisabled);
    }

    private void WriteConfig(ushort value) => WriteRegister(Ads1115Register.Config, value);

    private ushort ReadRegister(byte register)
    {
        Span<byte> value = stackalloc byte[2];
        _device.WriteRead([register], value);
        return BinaryPrimitives.ReadUInt16BigEndian(value);
    }

    private void WriteRegister(byte register, ushort value) => _device.Write([register, (byte)(value >> 8), (byte)value]);
}

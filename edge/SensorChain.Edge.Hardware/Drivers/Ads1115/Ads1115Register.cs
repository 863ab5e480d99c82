namespace SensorChain.Edge.Hardware.Drivers.Ads1115;

/// <summary>ADS1115 registers and config-register fields (TI SBAS444D, section 9.6).</summary>
public static class Ads1115Register
{
    public const byte Conversion = 0x00;
    public const byte Config = 0x01;
    public const byte LowThreshold = 0x02;
    public const byte HighThreshold = 0x03;

    /// <summary>Config bit 15: write 1 starts a single-shot conversion; reads 0 while converting, 1 when idle.</summary>
    public const ushort OperationalStatus = 0x8000;

    /// <summary>Config bit 8: 1 = single-shot / power-down, 0 = continuous.</summary>
    public const ushort ModeSingleShot = 0x0100;

    /// <summary>COMP_QUE = 11: comparator and ALERT/RDY disabled.</summary>
    public const ushort ComparatorDisabled = 0x0003;

    /// <summary>Power-on config value.</summary>
    public const ushort DefaultConfig = 0x8583;

    /// <summary>Samples per second selected by DR[2:0].</summary>
    public static readonly int[] DataRates = [8, 16, 32, 64, 128, 250, 475, 860];

    /// <summary>Full-scale range in volts selected by PGA[2:0] (codes 5..7 are all ±0.256 V).</summary>
    public static readonly double[] FullScaleVolts = [6.144, 4.096, 2.048, 1.024, 0.512, 0.256, 0.256, 0.256];
}

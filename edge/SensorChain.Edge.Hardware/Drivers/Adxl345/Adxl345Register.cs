namespace SensorChain.Edge.Hardware.Drivers.Adxl345;

/// <summary>ADXL345 registers (Analog Devices ADXL345 Rev. G, table 19).</summary>
public static class Adxl345Register
{
    public const byte DeviceId = 0x00;
    public const byte ThresholdFreeFall = 0x28;
    public const byte TimeFreeFall = 0x29;
    public const byte BandwidthRate = 0x2C;
    public const byte PowerControl = 0x2D;
    public const byte InterruptEnable = 0x2E;
    public const byte InterruptSource = 0x30;
    public const byte DataFormat = 0x31;
    public const byte DataX0 = 0x32;
    public const byte FifoControl = 0x38;
    public const byte FifoStatus = 0x39;

    /// <summary>DEVID value.</summary>
    public const byte ExpectedDeviceId = 0xE5;

    /// <summary>POWER_CTL bit 3: measurement mode.</summary>
    public const byte Measure = 0x08;

    /// <summary>DATA_FORMAT: FULL_RES (bit 3) with ±16 g range (bits 1:0 = 11): 3.9 mg/LSB.</summary>
    public const byte FullResolution16G = 0x0B;

    /// <summary>FIFO_CTL: stream mode (bits 7:6 = 10), watermark 16.</summary>
    public const byte FifoStream = 0x90;

    /// <summary>INT_SOURCE bit 2: free fall.</summary>
    public const byte FreeFall = 0x04;

    /// <summary>INT_SOURCE bit 0: overrun.</summary>
    public const byte Overrun = 0x01;

    /// <summary>Full-resolution scale, g per LSB.</summary>
    public const double GPerLsb = 0.0039;

    /// <summary>FIFO depth.</summary>
    public const int FifoDepth = 32;

    /// <summary>Output data rate in Hz for BW_RATE codes 0..15 (code 0x0A = 100 Hz).</summary>
    public static double RateHz(int code) => 3200.0 / (1 << (15 - code));
}

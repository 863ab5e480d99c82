namespace SensorChain.Edge.Hardware.Drivers.Max30102;

/// <summary>MAX30102 register addresses (datasheet 19-7740 Rev 1, table "Register Maps and Descriptions").</summary>
public static class Max30102Register
{
    public const byte InterruptStatus1 = 0x00;
    public const byte InterruptStatus2 = 0x01;
    public const byte InterruptEnable1 = 0x02;
    public const byte InterruptEnable2 = 0x03;
    public const byte FifoWritePointer = 0x04;
    public const byte OverflowCounter = 0x05;
    public const byte FifoReadPointer = 0x06;
    public const byte FifoData = 0x07;
    public const byte FifoConfiguration = 0x08;
    public const byte ModeConfiguration = 0x09;
    public const byte SpO2Configuration = 0x0A;
    public const byte Led1PulseAmplitude = 0x0C;
    public const byte Led2PulseAmplitude = 0x0D;
    public const byte DieTemperatureInteger = 0x1F;
    public const byte DieTemperatureFraction = 0x20;
    public const byte DieTemperatureConfig = 0x21;
    public const byte RevisionId = 0xFE;
    public const byte PartId = 0xFF;

    /// <summary>PART_ID value of a MAX30102.</summary>
    public const byte ExpectedPartId = 0x15;

    /// <summary>MODE[2:0] = 011: SpO2 mode (red and IR LEDs).</summary>
    public const byte ModeSpO2 = 0x03;

    /// <summary>MODE_CONFIG bit 6: reset.</summary>
    public const byte ModeReset = 0x40;

    /// <summary>INT_STATUS_1 bit 7: FIFO almost full.</summary>
    public const byte AlmostFull = 0x80;

    /// <summary>INT_STATUS_1 bit 6: new FIFO sample.</summary>
    public const byte PpgReady = 0x40;

    /// <summary>Depth of the FIFO in samples.</summary>
    public const int FifoDepth = 32;

    /// <summary>Sample rates selected by SPO2_SR[2:0].</summary>
    public static readonly int[] SampleRates = [50, 100, 200, 400, 800, 1000, 1600, 3200];
}

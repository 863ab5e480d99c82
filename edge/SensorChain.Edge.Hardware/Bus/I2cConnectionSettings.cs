namespace SensorChain.Edge.Hardware.Bus;

/// <summary>Which bus and 7-bit address a device sits at (shaped like System.Device.I2c.I2cConnectionSettings).</summary>
/// <param name="BusId">The bus number N of /dev/i2c-N (1 on a Raspberry Pi's GPIO header).</param>
/// <param name="DeviceAddress">The 7-bit device address (0x08..0x77).</param>
public sealed record I2cConnectionSettings(int BusId, int DeviceAddress);

namespace SensorChain.Edge.Hardware.Bus;

/// <summary>An I2C bus: real (/dev/i2c-N), tunnelled over a Unix socket, or emulated in process.</summary>
public interface II2cBus : IDisposable
{
    /// <summary>The bus number.</summary>
    int BusId { get; }

    /// <summary>A handle for the device at the 7-bit <paramref name="deviceAddress"/> (no traffic until used).</summary>
    I2cDevice CreateDevice(int deviceAddress);
}

namespace SensorChain.Edge.Hardware.Bus;

/// <summary>An <see cref="I2cDevice"/> that forwards each transfer to a transaction function (socket and emulated buses).</summary>
public sealed class BusI2cDevice : I2cDevice
{
    private readonly II2cTransport _transport;

    /// <summary>Creates the device handle.</summary>
    public BusI2cDevice(II2cTransport transport, I2cConnectionSettings settings)
    {
        _transport = transport;
        ConnectionSettings = settings;
    }

    /// <inheritdoc />
    public override I2cConnectionSettings ConnectionSettings { get; }

    /// <inheritdoc />
    public override void Read(Span<byte> buffer) => _transport.Transfer(ConnectionSettings.DeviceAddress, [], buffer);

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer) => _transport.Transfer(ConnectionSettings.DeviceAddress, buffer, []);

    /// <inheritdoc />
    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) =>
        _transport.Transfer(ConnectionSettings.DeviceAddress, writeBuffer, readBuffer);
}

namespace SensorChain.Edge.Hardware.Bus;

/// <summary>One combined I2C transaction: optional write, then optional read after a repeated START.</summary>
public interface II2cTransport
{
    /// <summary>Performs the transaction; throws <see cref="I2cNackException"/> when the address is not acknowledged.</summary>
    void Transfer(int address, ReadOnlySpan<byte> write, Span<byte> read);
}

namespace SensorChain.FirmwareSim.Chips.I2c;

/// <summary>A chip answering I2C transactions at register level.</summary>
public interface IEmulatedI2cChip
{
    /// <summary>7-bit address.</summary>
    int Address { get; }

    /// <summary>One transaction: write bytes (register pointer first), then read after a repeated START.</summary>
    void Transfer(ReadOnlySpan<byte> write, Span<byte> read);
}

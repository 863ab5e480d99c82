namespace SensorChain.Edge.Hardware.Bus;

/// <summary>
/// One device on an I2C bus, shaped like System.Device.I2c.I2cDevice so that swapping in dotnet/iot later is a
/// rename. Every transfer either completes or throws <see cref="I2cNackException"/> (the address or a byte was
/// not acknowledged) or <see cref="IOException"/> (the bus failed).
/// </summary>
public abstract class I2cDevice : IDisposable
{
    /// <summary>Bus and address of this device.</summary>
    public abstract I2cConnectionSettings ConnectionSettings { get; }

    /// <summary>Reads <paramref name="buffer"/>.Length bytes (START, address+R, bytes, STOP).</summary>
    public abstract void Read(Span<byte> buffer);

    /// <summary>Writes the bytes (START, address+W, bytes, STOP).</summary>
    public abstract void Write(ReadOnlySpan<byte> buffer);

    /// <summary>Writes then reads with a repeated START between them (the usual register read).</summary>
    public abstract void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer);

    /// <summary>Reads one byte.</summary>
    public byte ReadByte()
    {
        Span<byte> b = stackalloc byte[1];
        Read(b);
        return b[0];
    }

    /// <summary>Writes one byte.</summary>
    public void WriteByte(byte value) => Write([value]);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}

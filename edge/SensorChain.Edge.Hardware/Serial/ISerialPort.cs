namespace SensorChain.Edge.Hardware.Serial;

/// <summary>A raw byte serial line (8N1, no flow control, no echo, no line translation).</summary>
public interface ISerialPort : IDisposable
{
    /// <summary>The device path (/dev/ttyUSB0, /dev/serial0, /dev/pts/N).</summary>
    string PortName { get; }

    /// <summary>Reads what has arrived, waiting at most the port's read timeout; returns 0 on timeout.
    /// Throws <see cref="IOException"/> when the device went away.</summary>
    int Read(Span<byte> buffer);

    /// <summary>Writes all bytes.</summary>
    void Write(ReadOnlySpan<byte> buffer);
}

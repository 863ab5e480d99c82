using SensorChain.Edge.Hardware.Interop;

namespace SensorChain.Edge.Hardware.Serial;

/// <summary>
/// A serial port through termios: raw mode (cfmakeraw), 8N1, the given baud (cfsetspeed), and reads that return
/// after the first byte or after the timeout (VMIN = 0, VTIME in tenths of a second). Works the same on
/// /dev/ttyUSB0, /dev/serial0 and a pseudo-terminal /dev/pts/N.
/// </summary>
public sealed unsafe class TermiosSerialPort : ISerialPort
{
    private readonly Lock _gate = new();
    private int _fd;

    private TermiosSerialPort(string portName, int fd)
    {
        PortName = portName;
        _fd = fd;
    }

    /// <inheritdoc />
    public string PortName { get; }

    /// <summary>Opens and configures the port.</summary>
    /// <param name="portName">Device path.</param>
    /// <param name="baudRate">One of the standard rates 1200..230400.</param>
    /// <param name="readTimeout">Read timeout, 0.1 s to 25.5 s (VTIME granularity).</param>
    public static TermiosSerialPort Open(string portName, int baudRate, TimeSpan readTimeout)
    {
        var speed = SpeedCode(baudRate);
        var fd = Libc.Open(portName, Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            throw Libc.Error($"open {portName}", Libc.LastError);
        }

        try
        {
            var termios = stackalloc byte[Libc.TermiosSize];
            if (Libc.TcGetAttr(fd, termios) < 0)
            {
                throw Libc.Error($"tcgetattr {portName}", Libc.LastError);
            }

            Libc.CfMakeRaw(termios);
            if (Libc.CfSetSpeed(termios, speed) < 0)
            {
                throw Libc.Error($"cfsetspeed {portName}", Libc.LastError);
            }

            var deciseconds = (int)Math.Clamp(Math.Round(readTimeout.TotalMilliseconds / 100), 1, 255);
            termios[Libc.TermiosCcOffset + Libc.VMIN] = 0;
            termios[Libc.TermiosCcOffset + Libc.VTIME] = (byte)deciseconds;
            if (Libc.TcSetAttr(fd, Libc.TCSANOW, termios) < 0)
            {
                throw Libc.Error($"tcsetattr {portName}", Libc.LastError);
            }

            _ = Libc.TcFlush(fd, Libc.TCIOFLUSH);
            return new TermiosSerialPort(portName, fd);
        }
        catch
        {
            _ = Libc.Close(fd);
            throw;
        }
    }

    /// <summary>The termios speed_t code for a baud rate.</summary>
    public static uint SpeedCode(int baudRate) => baudRate switch
    {
        1200 => 9,
        2400 => 11,
        4800 => 12,
        9600 => 13,
        19200 => 14,
        38400 => 15,
        57600 => 0x1001,
        115200 => 0x1002,
        230400 => 0x1003,
        _ => throw new ArgumentOutOfRangeException(nameof(baudRate), baudRate, "Unsupported baud rate: use 1200..230400."),
    };

    /// <inheritdoc />
    public int Read(Span<byte> buffer)
    {
        var fd = Volatile.Read(ref _fd);
        ObjectDisposedException.ThrowIf(fd < 0, this);
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var n = Libc.Read(fd, p, buffer.Length);
                if (n >= 0)
                {
                    return (int)n;
                }

                var errno = Libc.LastError;
                if (errno is Libc.EINTR or Libc.EAGAIN)
                {
                    continue;
                }

                throw Libc.Error($"read {PortName}", errno);
            }
        }
    }

    /// <inheritdoc />
    public void Write(ReadOnlySpan<byte> buffer)
    {
        var fd = Volatile.Read(ref _fd);
        ObjectDisposedException.ThrowIf(fd < 0, this);
        fixed (byte* p = buffer)
        {
            var done = 0;
            while (done < buffer.Length)
            {
                var n = Libc.Write(fd, p + done, buffer.Length - done);
                if (n < 0)
                {
                    var errno = Libc.LastError;
                    if (errno is Libc.EINTR or Libc.EAGAIN)
                    {
                        continue;
                    }

                    throw Libc.Error($"write {PortName}", errno);
                }

                done += (int)n;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            var fd = Interlocked.Exchange(ref _fd, -1);
            if (fd >= 0)
            {
                _ = Libc.Close(fd);
            }
        }
    }
}

using System.Runtime.InteropServices;
using SensorChain.Edge.Hardware.Interop;

namespace SensorChain.FirmwareSim.Chips.Serial;

/// <summary>
/// The device side of a pseudo-terminal pair (posix_openpt, grantpt, unlockpt, ptsname_r), master in raw mode and
/// non-blocking. The gateway opens <see cref="SlavePath"/> (/dev/pts/N) exactly like /dev/ttyUSB0.
/// </summary>
public sealed unsafe class PseudoTerminal : IDisposable
{
    private int _master;

    private PseudoTerminal(int master, string slavePath)
    {
        _master = master;
        SlavePath = slavePath;
    }

    /// <summary>/dev/pts/N.</summary>
    public string SlavePath { get; }

    /// <summary>Opens a new pair.</summary>
    public static PseudoTerminal Open()
    {
        var fd = Libc.PosixOpenPt(Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            throw Libc.Error("posix_openpt", Libc.LastError);
        }

        try
        {
            if (Libc.GrantPt(fd) < 0 || Libc.UnlockPt(fd) < 0)
            {
                throw Libc.Error("grantpt/unlockpt", Libc.LastError);
            }

            var name = stackalloc byte[128];
            if (Libc.PtsNameR(fd, name, 128) != 0)
            {
                throw Libc.Error("ptsname_r", Libc.LastError);
            }

            var termios = stackalloc byte[Libc.TermiosSize];
            if (Libc.TcGetAttr(fd, termios) == 0)
            {
                Libc.CfMakeRaw(termios);
                _ = Libc.TcSetAttr(fd, Libc.TCSANOW, termios);
            }

            return new PseudoTerminal(fd, Marshal.PtrToStringUTF8((nint)name)!);
        }
        catch
        {
            _ = Libc.Close(fd);
            throw;
        }
    }

    /// <summary>Writes what the line accepts now; returns the number of bytes written (0 when nobody reads or it is full).</summary>
    public int Write(ReadOnlySpan<byte> bytes)
    {
        fixed (byte* p = bytes)
        {
            var n = Libc.Write(_master, p, bytes.Length);
            return n < 0 ? 0 : (int)n;
        }
    }

    /// <summary>Reads what the host sent (non-blocking); 0 when nothing or no peer.</summary>
    public int Read(Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            var n = Libc.Read(_master, p, buffer.Length);
            return n < 0 ? 0 : (int)n;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _master, -1);
        if (fd >= 0)
        {
            _ = Libc.Close(fd);
        }
    }
}

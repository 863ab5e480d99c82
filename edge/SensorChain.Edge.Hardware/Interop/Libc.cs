using System.Runtime.InteropServices;

namespace SensorChain.Edge.Hardware.Interop;

/// <summary>Thin glibc bindings for userspace I2C, termios and pseudo-terminals (Linux x86_64 and aarch64).</summary>
internal static unsafe partial class Libc
{
    internal const int O_RDWR = 0x2;
    internal const int O_NOCTTY = 0x100;
    internal const int O_NONBLOCK = 0x800;
    internal const int O_CLOEXEC = 0x80000;
    internal const int TCSANOW = 0;
    internal const int TCIOFLUSH = 2;
    internal const int EINTR = 4;
    internal const int EIO = 5;
    internal const int ENXIO = 6;
    internal const int EAGAIN = 11;
    internal const int EREMOTEIO = 121;
    internal const short POLLIN = 0x1;
    internal const short POLLERR = 0x8;
    internal const short POLLHUP = 0x10;

    /// <summary>Size reserved for struct termios (60 bytes on glibc x86_64/aarch64).</summary>
    internal const int TermiosSize = 256;

    /// <summary>Offset of c_cc in struct termios (4 tcflag_t + c_line).</summary>
    internal const int TermiosCcOffset = 17;
    internal const int VTIME = 5;
    internal const int VMIN = 6;

    private const string LibraryName = "libc";

    [LibraryImport(LibraryName, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    [LibraryImport(LibraryName, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport(LibraryName, EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport(LibraryName, EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport(LibraryName, EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(int fd, nuint request, nint argument);

    [LibraryImport(LibraryName, EntryPoint = "tcgetattr", SetLastError = true)]
    internal static partial int TcGetAttr(int fd, byte* termios);

    [LibraryImport(LibraryName, EntryPoint = "tcsetattr", SetLastError = true)]
    internal static partial int TcSetAttr(int fd, int optionalActions, byte* termios);

    [LibraryImport(LibraryName, EntryPoint = "tcflush", SetLastError = true)]
    internal static partial int TcFlush(int fd, int queueSelector);

    [LibraryImport(LibraryName, EntryPoint = "cfmakeraw")]
    internal static partial void CfMakeRaw(byte* termios);

    [LibraryImport(LibraryName, EntryPoint = "cfsetspeed", SetLastError = true)]
    internal static partial int CfSetSpeed(byte* termios, uint speed);

    [LibraryImport(LibraryName, EntryPoint = "posix_openpt", SetLastError = true)]
    internal static partial int PosixOpenPt(int flags);

    [LibraryImport(LibraryName, EntryPoint = "grantpt", SetLastError = true)]
    internal static partial int GrantPt(int fd);

    [LibraryImport(LibraryName, EntryPoint = "unlockpt", SetLastError = true)]
    internal static partial int UnlockPt(int fd);

    [LibraryImport(LibraryName, EntryPoint = "ptsname_r", SetLastError = true)]
    internal static partial int PtsNameR(int fd, byte* buffer, nuint length);

    [LibraryImport(LibraryName, EntryPoint = "poll", SetLastError = true)]
    internal static partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    internal static int LastError => Marshal.GetLastPInvokeError();

    internal static IOException Error(string what, int errno) =>
        new($"{what} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");

    /// <summary>struct pollfd.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    /// <summary>struct i2c_msg from linux/i2c.h.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct I2cMsg
    {
        public ushort Addr;
        public ushort Flags;
        public ushort Len;
        public byte* Buf;
    }

    /// <summary>struct i2c_rdwr_ioctl_data from linux/i2c-dev.h.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct I2cRdwrIoctlData
    {
        public I2cMsg* Msgs;
        public uint NMsgs;
    }
}

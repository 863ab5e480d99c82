using System.Runtime.InteropServices;

namespace SensorChain.Transport.Mqtt.Native;

/// <summary>
/// The libc calls of the network loop: <c>poll</c> (libmosquitto's own <c>mosquitto_loop</c> uses <c>select</c>, which
/// cannot watch a descriptor numbered 1024 or more, so a process with many open files could not connect) and an
/// <c>eventfd</c> that wakes the loop when another thread queues a packet.
/// </summary>
internal static unsafe partial class Libc
{
    public const short PollIn = 0x001;
    public const short PollOut = 0x004;
    public const short PollErr = 0x008;
    public const short PollHup = 0x010;
    public const short PollNval = 0x020;
    public const int EfdNonBlock = 0x800;
    public const int EfdCloExec = 0x80000;
    public const int Eintr = 4;

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initialValue, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, void* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, void* buffer, nuint count);

    /// <summary>struct pollfd.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}

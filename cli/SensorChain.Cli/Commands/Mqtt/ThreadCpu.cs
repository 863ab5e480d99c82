using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SensorChain.Cli.Commands.Mqtt;

/// <summary>
/// CPU time consumed by the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>), so a phase's cost is not inflated
/// by the time the thread waited for a core on a loaded machine. Falls back to wall-clock Stopwatch ticks elsewhere.
/// </summary>
internal static partial class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;
    private static readonly bool Available = OperatingSystem.IsLinux() && Probe();

    /// <summary>Nanoseconds of CPU used by this thread (or wall-clock nanoseconds where unavailable).</summary>
    public static long Nanoseconds()
    {
        if (Available && ClockGetTime(ClockThreadCpuTimeId, out var t) == 0)
        {
            return (t.Seconds * 1_000_000_000) + t.Nanoseconds;
        }

        return (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));
    }

    private static bool Probe()
    {
        try
        {
            return ClockGetTime(ClockThreadCpuTimeId, out _) == 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}

using System.Globalization;

namespace SensorChain.Cli.Commands.Mqtt;

/// <summary>
/// CPU time and run-queue wait of this process's threads with a given name, from Linux <c>/proc/self/task/*/schedstat</c>
/// (nanoseconds on a core, nanoseconds runnable but waiting for one). Zero where <c>/proc</c> is not available.
/// </summary>
internal static class NamedThreadTimes
{
    /// <summary>Sums over the threads named <paramref name="name"/> (at most 15 characters, as the kernel keeps).</summary>
    public static (TimeSpan OnCpu, TimeSpan WaitingForCpu) Of(string name)
    {
        long cpu = 0, wait = 0;
        if (!Directory.Exists("/proc/self/task"))
        {
            return (TimeSpan.Zero, TimeSpan.Zero);
        }

        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd() != name)
                {
                    continue;
                }

                var fields = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                cpu += long.Parse(fields[0], CultureInfo.InvariantCulture);
                wait += long.Parse(fields[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // the thread ended meanwhile
            }
        }

        return (TimeSpan.FromTicks(cpu / 100), TimeSpan.FromTicks(wait / 100));
    }
}

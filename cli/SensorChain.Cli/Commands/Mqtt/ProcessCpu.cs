using System.Globalization;

namespace SensorChain.Cli.Commands.Mqtt;

/// <summary>CPU time of another process from <c>/proc/PID/stat</c> (Linux).</summary>
internal static class ProcessCpu
{
    /// <summary>User + system CPU seconds of <paramref name="pid"/>, or null where /proc is unavailable.</summary>
    public static double? Seconds(int? pid)
    {
        try
        {
            if (pid is null || !File.Exists($"/proc/{pid}/stat"))
            {
                return null;
            }

            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The 1-minute load average (other jobs on the machine), or null.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}

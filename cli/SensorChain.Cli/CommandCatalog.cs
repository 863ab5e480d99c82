using System.CommandLine;

namespace SensorChain.Cli;

/// <summary>The top-level commands. Each area adds its command group here (one line each).</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return Commands.Kit.SimKitCommand.Create(); // sensorchain sim kit --scenario NAME --expose DIR
        yield return Commands.Kit.BenchEdgeCommand.Create(); // sensorchain bench edge --seconds S
    }
}

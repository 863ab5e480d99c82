using System.CommandLine;
using SensorChain.Cli.Commands.Demo;

namespace SensorChain.Cli;

/// <summary>The top-level commands. Each area adds its command group here (one line each).</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return DemoCommand.Create();
        yield return Commands.Analyze.AnalyzeCommand.Create();
        yield return Commands.Bench.BenchAlertsCommand.CreateGroup();
    }
}

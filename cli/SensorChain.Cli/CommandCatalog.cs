using System.CommandLine;
using SensorChain.Cli.Commands.Demo;

namespace SensorChain.Cli;

/// <summary>
/// The top-level commands. Each area adds its command group here (one line each). Groups of the same name (e.g.
/// <c>bench</c>, <c>sim</c>) are merged by <see cref="CommandTree"/>, so each area can contribute its own subcommands.
/// </summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return DemoCommand.Create();
        yield return new Command("bench", "Benchmarks that print their figures.") { Commands.Bench.BenchFhirCommand.Create() };
        yield return Commands.Mqtt.BenchCommand.Create();
        yield return Commands.Kit.SimKitCommand.Create(); // sensorchain sim kit --scenario NAME --expose DIR; sim fleet --patients N --broker URL
        yield return Commands.Kit.BenchEdgeCommand.Create(); // sensorchain bench edge --seconds S
        yield return Commands.Ledger.LedgerCommand.Create();
        yield return Commands.Ledger.BenchLedgerCommand.Create();
        yield return Commands.Analyze.AnalyzeCommand.Create();
        yield return Commands.Bench.BenchAlertsCommand.CreateGroup();
        yield return Commands.Research.ResearchCommand.Create();
        yield return Commands.Fhir.FhirCommands.Create();
        yield return Commands.Gateway.GatewayCommand.Create();
        yield return Commands.Cloud.CloudCommand.Create();
        yield return Commands.Alarms.AlarmsCommand.Create(); // sensorchain alarms history|dead-letters --data DIR
    }
}

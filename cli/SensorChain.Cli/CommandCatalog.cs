using System.CommandLine;

namespace SensorChain.Cli;

/// <summary>The top-level commands. Each area adds its command group here (one line each).</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return Commands.Fhir.FhirCommands.Create();
        yield return new Command("version", "Prints the version.")
        {
        };
    }
}

using System.CommandLine;

namespace SensorChain.Cli.Commands.Analyze;

/// <summary><c>sensorchain analyze ecg|anomalies</c>.</summary>
internal static class AnalyzeCommand
{
    public static Command Create() => new("analyze", "Offline clinical analysis of recorded signals.")
    {
        AnalyzeEcgCommand.Create(),
        AnalyzeAnomaliesCommand.Create(),
    };
}

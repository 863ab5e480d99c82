using System.CommandLine;
using System.Globalization;
using SensorChain.Clinical.Anomalies;
using SensorChain.Clinical.Io;

namespace SensorChain.Cli.Commands.Analyze;

/// <summary><c>sensorchain analyze anomalies --input FILE.csv --out FILE.csv</c>: causal anomaly score per row.</summary>
internal static class AnalyzeAnomaliesCommand
{
    public static Command Create()
    {
        var input = new Option<FileInfo>("--input") { Description = "CSV with columns timestamp,value (gzip when .gz).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Output CSV: timestamp,value,anomaly_score.", Required = true };
        var command = new Command("anomalies", "Scores each value against the patient's own causal robust baseline (0..1).") { input, output };
        command.SetAction(parseResult =>
        {
            var inputFile = parseResult.GetValue(input)!;
            if (!inputFile.Exists)
            {
                Console.Error.WriteLine($"error: input file '{inputFile.FullName}' does not exist.");
                return 2;
            }

            var outPath = parseResult.GetValue(output)!.FullName;
            try
            {
                var rows = AnomalyCsv.Score(inputFile.FullName, outPath);
                Console.WriteLine($"{rows} rows scored -> {outPath}");
                return 0;
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}

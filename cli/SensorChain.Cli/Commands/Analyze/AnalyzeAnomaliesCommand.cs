using System.CommandLine;
using System.Globalization;
using SensorChain.Clinical.Anomalies;
using SensorChain.Clinical.Io;

namespace SensorChain.Cli.Commands.Analyze;

/// <summary><c>sensorchain analyze anomalies --input FILE.csv --out FILE.csv [--method robust|spectral|combined]</c>: causal anomaly score per row.</summary>
internal static class AnalyzeAnomaliesCommand
{
    public static Command Create()
    {
        var input = new Option<FileInfo>("--input") { Description = "CSV with columns timestamp,value (gzip when .gz).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Output CSV: timestamp,value,anomaly_score.", Required = true };
        var method = new Option<string>("--method")
        {
            Description = "robust (median/MAD baseline), spectral (spectral residual, FFT) or combined (the larger; default).",
            DefaultValueFactory = _ => "combined",
        };
        method.AcceptOnlyFromAmong("robust", "spectral", "combined");
        var command = new Command("anomalies", "Scores each value causally against the patient's own baseline (0..1).") { input, output, method };
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
                var chosen = Enum.Parse<AnomalyMethod>(parseResult.GetValue(method)!, ignoreCase: true);
                var rows = AnomalyCsv.Score(inputFile.FullName, outPath, chosen);
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

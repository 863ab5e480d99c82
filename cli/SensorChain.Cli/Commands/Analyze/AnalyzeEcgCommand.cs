using System.CommandLine;
using System.Globalization;
using SensorChain.Clinical.Ecg;
using SensorChain.Clinical.Io;

namespace SensorChain.Cli.Commands.Analyze;

/// <summary><c>sensorchain analyze ecg --input FILE --column NAME --fs HZ --out FILE.csv</c>: R-peak detection.</summary>
internal static class AnalyzeEcgCommand
{
    public static Command Create()
    {
        var input = new Option<FileInfo>("--input") { Description = "CSV with a header row (gzip when the name ends in .gz).", Required = true };
        var column = new Option<string>("--column") { Description = "Name of the ECG column.", Required = true };
        var fs = new Option<double>("--fs") { Description = "Sampling rate in Hz.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Output CSV: header 'sample', one 0-based R-peak index per line.", Required = true };
        var command = new Command("ecg", "Detects R peaks (QRS complexes) in an ECG column.") { input, column, fs, output };
        command.SetAction(parseResult =>
        {
            var inputFile = parseResult.GetValue(input)!;
            var rate = parseResult.GetValue(fs);
            if (!inputFile.Exists)
            {
                Console.Error.WriteLine($"error: input file '{inputFile.FullName}' does not exist.");
                return 2;
            }

            if (!double.IsFinite(rate) || rate < 50 || rate > 20_000)
            {
                Console.Error.WriteLine($"error: --fs {rate} is outside 50..20000 Hz.");
                return 2;
            }

            double[] signal;
            try
            {
                signal = SignalCsv.ReadColumn(inputFile.FullName, parseResult.GetValue(column)!);
            }
            catch (Exception e) when (e is FormatException or IOException or InvalidDataException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            }

            var detection = QrsDetector.Analyze(signal, rate);
            var beats = detection.Beats;
            var outPath = parseResult.GetValue(output)!.FullName;
            using (var writer = SignalCsv.CreateText(outPath))
            {
                writer.WriteLine("sample");
                foreach (var b in beats)
                {
                    writer.WriteLine(b.ToString(CultureInfo.InvariantCulture));
                }
            }

            var minutes = signal.Length / rate / 60;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{beats.Length} R peaks in {signal.Length} samples ({minutes:F1} min, mean {(minutes > 0 ? beats.Length / minutes : 0):F0}/min) -> {outPath}"));
            foreach (var (start, end) in detection.VentricularFlutter)
            {
                // Reported, not written as beats: a flutter/fibrillation episode has no discrete QRS complexes.
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ventricular flutter/fibrillation: samples {start}-{end} ({start / rate:F1}-{end / rate:F1} s)"));
            }
            return 0;
        });
        return command;
    }
}

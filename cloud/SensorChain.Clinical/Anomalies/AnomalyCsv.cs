using System.Globalization;
using SensorChain.Clinical.Io;

namespace SensorChain.Clinical.Anomalies;

/// <summary>Scores a <c>timestamp,value</c> CSV into <c>timestamp,value,anomaly_score</c>, one output row per input row.</summary>
public static class AnomalyCsv
{
    /// <summary>Reads <paramref name="inputPath"/>, writes <paramref name="outputPath"/>; returns the row count.</summary>
    /// <exception cref="FormatException">Missing columns or an unparsable value (with its line number).</exception>
    public static int Score(string inputPath, string outputPath, AnomalyMethod method = AnomalyMethod.Robust)
    {
        using var reader = SignalCsv.OpenText(inputPath);
        using var writer = SignalCsv.CreateText(outputPath);
        return Score(reader, writer, inputPath, method);
    }

    /// <summary>Scores from a reader to a writer.</summary>
    public static int Score(TextReader reader, TextWriter writer, string name = "input", AnomalyMethod method = AnomalyMethod.Robust)
    {
        var header = reader.ReadLine() ?? throw new FormatException($"{name}: empty file, expected header 'timestamp,value'.");
        var names = header.Split(',').Select(h => h.Trim().Trim('"')).ToArray();
        var ti = Array.FindIndex(names, n => n.Equals("timestamp", StringComparison.OrdinalIgnoreCase));
        var vi = Array.FindIndex(names, n => n.Equals("value", StringComparison.OrdinalIgnoreCase));
        if (ti < 0 || vi < 0)
        {
            throw new FormatException($"{name}: header '{header}' must contain 'timestamp' and 'value'.");
        }

        writer.WriteLine("timestamp,value,anomaly_score");
        var detector = CombinedAnomalyDetector.Create(method);
        var rows = 0;
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var timestamp = SignalCsv.Field(line.AsSpan(), ti).ToString();
            var field = SignalCsv.Field(line.AsSpan(), vi);
            double value;
            if (field.IsEmpty)
            {
                value = double.NaN;
            }
            else if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            {
                throw new FormatException($"{name}:{lineNumber}: value '{field.ToString()}' is not a number.");
            }

            var score = detector.Update(value);
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{timestamp},{field.ToString()},{score:0.####}"));
            rows++;
        }

        return rows;
    }
}

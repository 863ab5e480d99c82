using System.Globalization;
using SensorChain.Clinical.Io;
using SensorChain.TestSupport;

namespace SensorChain.Clinical.Tests.Ecg;

/// <summary>One shared MIT-BIH record: a lead and its reference annotations.</summary>
internal sealed record MitBihRecord(string Name, string Lead, double[] Signal, int[] Beats, IReadOnlyList<(int Sample, string Rhythm)> RhythmChanges, IReadOnlyList<(int Start, int End)> Fibrillation)
{
    public const double Fs = 360;
    private const string BeatSymbols = "NLRBAaJSVrFejnE/fQ?";

    public static string Folder => Path.Combine(RepoPaths.Shared, "data", "mitdb");

    public static IReadOnlyList<string> Names =>
        [.. File.ReadLines(Path.Combine(Folder, "records.csv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[0])];

    public static MitBihRecord Load(string name)
    {
        var signalPath = Path.Combine(Folder, name + ".csv.gz");
        string header;
        using (var reader = SignalCsv.OpenText(signalPath))
        {
            header = reader.ReadLine()!;
        }

        var lead = header.Contains("mlii_mv", StringComparison.Ordinal) ? "mlii_mv" : header.Split(',')[1];
        var signal = SignalCsv.ReadColumn(signalPath, lead);
        var beats = new List<int>();
        var rhythms = new List<(int, string)>();
        var fibrillation = new List<(int, int)>();
        var vfStart = -1;
        foreach (var line in File.ReadLines(Path.Combine(Folder, name + ".ann.csv")).Skip(1))
        {
            var parts = line.Split(',');
            if (parts.Length < 2 || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var sample))
            {
                continue;
            }

            var symbol = parts[1];
            if (symbol.Length == 1 && BeatSymbols.Contains(symbol[0], StringComparison.Ordinal))
            {
                beats.Add(sample);
            }
            else if (symbol == "[")
            {
                vfStart = sample;
            }
            else if (symbol == "]" && vfStart >= 0)
            {
                fibrillation.Add((vfStart, sample));
                vfStart = -1;
            }
            else if (symbol == "+" && parts.Length > 2)
            {
                rhythms.Add((sample, parts[2].Trim()));
            }
        }

        beats.Sort();
        return new MitBihRecord(name, lead, signal, [.. beats], rhythms, fibrillation);
    }

    /// <summary>The rhythm label in effect at <paramref name="sample"/>.</summary>
    public string RhythmAt(int sample)
    {
        var current = "(N";
        foreach (var (s, r) in RhythmChanges)
        {
            if (s > sample)
            {
                break;
            }

            current = r;
        }

        return current;
    }
}

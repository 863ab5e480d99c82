using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using SensorChain.Clinical.Ecg;
using Xunit.Abstractions;

namespace SensorChain.Clinical.Tests.Ecg;

public sealed class MitBihQrsTests(ITestOutputHelper output)
{
    private const int Tolerance = 54; // 150 ms at 360 Hz

    [Fact]
    public void Qrs_detection_on_all_shared_MIT_BIH_whole_records_reaches_99_5_percent_gross_Se_and_PPV()
    {
        var names = MitBihRecord.Names;
        Assert.Equal(26, names.Count);
        var clock = Stopwatch.StartNew();
        var results = new ConcurrentDictionary<string, (BeatMatch Whole, int Episodes, double FlutterSeconds, double AnnotatedSeconds)>();
        Parallel.ForEach(names, new ParallelOptions { MaxDegreeOfParallelism = 2 }, name =>
        {
            var record = MitBihRecord.Load(name);
            var detection = QrsDetector.Analyze(record.Signal, MitBihRecord.Fs);
            var flutter = detection.VentricularFlutter.Sum(e => e.End - e.Start + 1) / MitBihRecord.Fs;
            var annotated = record.Fibrillation.Sum(e => e.End - e.Start + 1) / MitBihRecord.Fs;
            // The whole record is scored: no learning period, no excluded episodes (README of the shared data).
            results[name] = (Ec57Scorer.Score(record.Beats, detection.Beats, Tolerance), detection.VentricularFlutter.Count, flutter, annotated);
        });

        var gross = default(BeatMatch);
        output.WriteLine("EC57 +/-150 ms, greedy closest pairs, whole records (nothing excluded); gross from summed counts");
        output.WriteLine("record     TP    FP    FN     Se%    +P%   flutter recognised / annotated (s)");
        foreach (var name in names)
        {
            var (m, episodes, flutter, annotated) = results[name];
            gross += m;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,6} {m.TruePositives,6} {m.FalsePositives,5} {m.FalseNegatives,5} {m.Sensitivity * 100,7:F2} {m.PositivePredictivity * 100,6:F2}   {episodes} ep. {flutter:F0} / {annotated:F0}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $" gross {gross.TruePositives,6} {gross.FalsePositives,5} {gross.FalseNegatives,5} {gross.Sensitivity * 100,7:F2} {gross.PositivePredictivity * 100,6:F2}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"26 records loaded and analysed in {clock.Elapsed.TotalSeconds:F1} s"));
        Assert.True(gross.Sensitivity >= 0.995, $"gross Se {gross.Sensitivity:P2}");
        Assert.True(gross.PositivePredictivity >= 0.995, $"gross +P {gross.PositivePredictivity:P2}");

        // Flutter is recognised where it is annotated (record 207) and nowhere else.
        Assert.All(names.Where(n => results[n].AnnotatedSeconds == 0), n => Assert.Equal(0, results[n].Episodes));
        Assert.True(results["207"].FlutterSeconds >= 0.5 * results["207"].AnnotatedSeconds, "most of 207's flutter is recognised");
    }
}

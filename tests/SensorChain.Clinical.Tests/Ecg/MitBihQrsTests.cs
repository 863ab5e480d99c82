using System.Collections.Concurrent;
using System.Globalization;
using SensorChain.Clinical.Ecg;
using Xunit.Abstractions;

namespace SensorChain.Clinical.Tests.Ecg;

public sealed class MitBihQrsTests(ITestOutputHelper output)
{
    private const int Tolerance = 54; // 150 ms at 360 Hz

    [Fact]
    public void Qrs_detection_on_all_shared_MIT_BIH_records_reaches_99_5_percent_gross_Se_and_PPV()
    {
        var names = MitBihRecord.Names;
        Assert.Equal(26, names.Count);
        var results = new ConcurrentDictionary<string, (BeatMatch Whole, BeatMatch Scored)>();
        Parallel.ForEach(names, new ParallelOptions { MaxDegreeOfParallelism = 2 }, name =>
        {
            var record = MitBihRecord.Load(name);
            var detections = QrsDetector.Detect(record.Signal, MitBihRecord.Fs);
            results[name] = (Ec57Scorer.Score(record.Beats, detections, Tolerance), Ec57Scorer.Score(record.Beats, detections, Tolerance, record.Fibrillation));
        });

        var gross = default(BeatMatch);
        var grossWhole = default(BeatMatch);
        output.WriteLine("EC57 +/-150 ms; 'scored' leaves out ventricular flutter episodes ([ ... ] annotations, record 207 only) as EC57 does");
        output.WriteLine("record     TP    FP    FN     Se%    +P%  | whole record: TP FP FN");
        foreach (var name in names)
        {
            var (whole, m) = results[name];
            gross += m;
            grossWhole += whole;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,6} {m.TruePositives,6} {m.FalsePositives,5} {m.FalseNegatives,5} {m.Sensitivity * 100,7:F2} {m.PositivePredictivity * 100,6:F2}  | {whole.TruePositives} {whole.FalsePositives} {whole.FalseNegatives}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $" gross {gross.TruePositives,6} {gross.FalsePositives,5} {gross.FalseNegatives,5} {gross.Sensitivity * 100,7:F2} {gross.PositivePredictivity * 100,6:F2}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $" gross whole record: Se {grossWhole.Sensitivity * 100:F2} +P {grossWhole.PositivePredictivity * 100:F2}"));
        Assert.True(gross.Sensitivity >= 0.995, $"gross Se {gross.Sensitivity:P2}");
        Assert.True(gross.PositivePredictivity >= 0.995, $"gross +P {gross.PositivePredictivity:P2}");
    }
}

using System.Globalization;
using SensorChain.Clinical.Ecg;
using Xunit.Abstractions;

namespace SensorChain.Clinical.Tests.Ecg;

public sealed class MitBihAtrialFibrillationTests(ITestOutputHelper output)
{
    private const int Window = 30 * 360;

    [Fact]
    public void Atrial_fibrillation_per_30_s_window_matches_the_rhythm_annotations()
    {
        var rows = MitBihRecord.Names.AsParallel().WithDegreeOfParallelism(2).Select(name =>
        {
            var record = MitBihRecord.Load(name);
            var beats = QrsDetector.Detect(record.Signal, MitBihRecord.Fs);
            int tp = 0, fp = 0, tn = 0, fn = 0;
            for (var start = 0; start + Window <= record.Signal.Length; start += Window)
            {
                var truth = record.RhythmAt(start + Window / 2) == "(AFIB" && record.RhythmAt(start) == "(AFIB";
                var rr = RhythmAnalyzer.RrSeconds(beats, MitBihRecord.Fs, start, start + Window);
                var f = RrIrregularity.Of(rr);
                var said = f.LooksLikeAtrialFibrillation();
                (tp, fp, tn, fn) = (truth, said) switch
                {
                    (true, true) => (tp + 1, fp, tn, fn),
                    (false, true) => (tp, fp + 1, tn, fn),
                    (false, false) => (tp, fp, tn + 1, fn),
                    _ => (tp, fp, tn, fn + 1),
                };
            }

            return (name, tp, fp, tn, fn);
        }).OrderBy(r => r.name).ToList();

        foreach (var r in rows.Where(r => r.tp + r.fn + r.fp > 0))
        {
            output.WriteLine($"{r.name}: AF windows TP {r.tp} FN {r.fn}, non-AF FP {r.fp} TN {r.tn}");
        }

        int TP = rows.Sum(r => r.tp), FP = rows.Sum(r => r.fp), TN = rows.Sum(r => r.tn), FN = rows.Sum(r => r.fn);
        var se = (double)TP / (TP + FN);
        var sp = (double)TN / (TN + FP);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"AF per 30-s window: TP {TP} FN {FN} FP {FP} TN {TN}  Se {se:P1}  Sp {sp:P1}"));
        Assert.True(TP + FN > 50, "the shared records hold AF episodes");
        Assert.True(se >= 0.93, $"AF sensitivity {se:P1}");
        Assert.True(sp >= 0.92, $"AF specificity {sp:P1}");
    }
}

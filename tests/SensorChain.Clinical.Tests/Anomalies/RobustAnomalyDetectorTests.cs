using FsCheck;
using FsCheck.Fluent;
using SensorChain.Clinical.Anomalies;

namespace SensorChain.Clinical.Tests.Anomalies;

public sealed class RobustAnomalyDetectorTests
{
    private static double[] Scores(IEnumerable<double> values)
    {
        var d = new RobustAnomalyDetector(window: 30, warmup: 5);
        return [.. values.Select(d.Update)];
    }

    [Fact]
    public void Appending_future_rows_never_changes_earlier_scores_and_scores_stay_in_0_1()
    {
        Prop.ForAll(
            Gen.ArrayOf(Gen.Choose(-1000, 1000).Select(i => i / 10.0)).ToArbitrary(),
            Gen.ArrayOf(Gen.Elements(double.NaN, 1e12, -1e12, 0.0, 60.0, double.PositiveInfinity)).ToArbitrary(),
            (prefix, suffix) =>
            {
                var a = Scores(prefix);
                var b = Scores(prefix.Concat(suffix));
                return a.SequenceEqual(b.Take(a.Length)) && b.All(s => s is >= 0 and <= 1 && !double.IsNaN(s));
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_jump_far_outside_the_patients_own_baseline_scores_high_and_normal_variation_low()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 200).Select(_ => 72 + random.NextDouble() * 4 - 2).ToList();
        values.Add(130);
        var scores = Scores(values);
        Assert.True(scores[^1] > 0.9, $"spike score {scores[^1]}");
        Assert.True(scores.Take(200).Skip(20).Max() < 0.5, "normal variation stays low");
    }

    [Fact]
    public void Csv_round_trip_scores_every_row_and_rejects_a_bad_value_by_line()
    {
        var input = "timestamp,value\n1,80\n2,\n3,81\n";
        using var writer = new StringWriter();
        Assert.Equal(3, AnomalyCsv.Score(new StringReader(input), writer));
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("timestamp,value,anomaly_score", lines[0]);
        Assert.Equal(4, lines.Length);
        var e = Assert.Throws<FormatException>(() => AnomalyCsv.Score(new StringReader("timestamp,value\n1,abc\n"), new StringWriter()));
        Assert.Contains(":2:", e.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => AnomalyCsv.Score(new StringReader("time,v\n"), new StringWriter()));
    }
}

using FsCheck;
using FsCheck.Fluent;
using SensorChain.Clinical.Anomalies;
using Xunit.Abstractions;

namespace SensorChain.Clinical.Tests.Anomalies;

public sealed class SpectralResidualDetectorTests(ITestOutputHelper output)
{
    private static double[] Scores(IAnomalyScorer scorer, IEnumerable<double> values) => [.. values.Select(scorer.Update)];

    private static List<double> HeartRate(int count, int seed)
    {
        // A resting heart rate with slow breathing-related variation and noise.
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => 72 + 2 * Math.Sin(i / 9.0) + (random.NextDouble() - 0.5) * 2)];
    }

    [Fact]
    public void An_injected_spike_scores_high_and_ordinary_variation_low()
    {
        var values = HeartRate(300, 11);
        values[200] = 110;
        var scores = Scores(new SpectralResidualDetector(), values);
        var normal = scores.Take(195).Skip(20).ToArray();
        output.WriteLine($"spike {scores[200]:F3}; normal max {normal.Max():F3}, p95 {normal.Order().ElementAt((int)(normal.Length * 0.95)):F3}");
        Assert.True(scores[200] > 0.8, $"spike score {scores[200]}");
        Assert.True(normal.Max() < 0.5, $"normal variation max {normal.Max()}");
    }

    [Fact]
    public void A_level_shift_scores_high_where_it_happens()
    {
        var values = HeartRate(300, 12);
        for (var i = 200; i < values.Count; i++)
        {
            values[i] += 25;
        }

        var scores = Scores(new SpectralResidualDetector(), values);
        var atShift = scores.Skip(200).Take(3).Max();
        output.WriteLine($"level shift {atShift:F3}; before max {scores.Take(195).Skip(20).Max():F3}");
        Assert.True(atShift > 0.6, $"level-shift score {atShift}");
        Assert.True(scores.Take(195).Skip(20).Max() < 0.5);
    }

    [Fact]
    public void Combined_scores_flag_what_either_method_flags()
    {
        var values = HeartRate(300, 13);
        values[150] = 120;
        var combined = Scores(new CombinedAnomalyDetector(), values);
        var robust = Scores(new RobustAnomalyDetector(), values);
        var spectral = Scores(new SpectralResidualDetector(), values);
        Assert.All(Enumerable.Range(0, values.Count), i => Assert.Equal(Math.Max(robust[i], spectral[i]), combined[i], 12));
        Assert.True(combined[150] > 0.9);
    }

    [Fact]
    public void Scores_stay_in_0_1_and_never_change_when_future_rows_are_appended()
    {
        Prop.ForAll(
            Gen.ArrayOf(Gen.Choose(-100000, 100000).Select(i => i / 100.0)).ToArbitrary(),
            Gen.ArrayOf(Gen.Elements(double.NaN, 1e12, -1e12, 0.0, 60.0, double.PositiveInfinity, 1e-300)).ToArbitrary(),
            (prefix, suffix) =>
            {
                var a = Scores(new SpectralResidualDetector(window: 16, warmup: 8), prefix);
                var b = Scores(new SpectralResidualDetector(window: 16, warmup: 8), prefix.Concat(suffix));
                return a.SequenceEqual(b.Take(a.Length)) && b.All(s => s is >= 0 and <= 1 && !double.IsNaN(s));
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Csv_method_spectral_scores_every_row()
    {
        var rows = string.Join("\n", HeartRate(100, 5).Select((v, i) => $"{i},{v.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
        using var writer = new StringWriter();
        Assert.Equal(100, AnomalyCsv.Score(new StringReader("timestamp,value\n" + rows + "\n"), writer, "in", AnomalyMethod.Spectral));
        Assert.Equal(101, writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}

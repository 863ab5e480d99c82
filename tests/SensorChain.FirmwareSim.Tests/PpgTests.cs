using SensorChain.Protocol;

namespace SensorChain.FirmwareSim.Tests;

public sealed class PpgTests
{
    [Theory]
    [InlineData("stable", 1, 20.0)]
    [InlineData("stable", 2, 40.0)]
    [InlineData("hypoxemia", 3, 50.0)]
    [InlineData("hypoxemia", 4, 70.0)]
    [InlineData("hypoxemia", 5, 22.0)]
    [InlineData("atrial-fibrillation", 6, 30.0)]
    public void Ratio_of_ratios_from_ppg_counts_gives_spo2_within_one_percent(string id, long seed, double at)
    {
        var p = Sim.Patient(Scenario.Parse(id), seed);
        const int n = 400; // 4 s at 100 Hz
        var red = new double[n];
        var ir = new double[n];
        for (var i = 0; i < n; i++)
        {
            (red[i], ir[i]) = p.PpgCounts(at + (i / 100.0));
        }

        // Oximeter estimate: regress the red AC on the IR AC, normalise by the DC levels, then SpO2 = 110 − 25·R.
        var redMean = red.Average();
        var irMean = ir.Average();
        var covariance = red.Zip(ir, (r, x) => (r - redMean) * (x - irMean)).Sum();
        var variance = ir.Sum(x => (x - irMean) * (x - irMean));
        var ratio = covariance / variance * irMean / redMean;
        var estimate = 110 - (25 * ratio);
        var truth = p.TruthAt(p.StartUnixMs + (long)((at + 2) * 1000)).SpO2;
        Assert.InRange(estimate, truth - 1, truth + 1);
    }

    [Fact]
    public void Ppg_has_realistic_dc_and_perfusion_index_and_one_pulse_per_beat()
    {
        var p = Sim.Patient(Scenario.Stable, 8);
        var ir = Sim.Regular(p, SensorKind.Ppg, 0, 30);
        Assert.All(ir, v => Assert.InRange(v, 50_000, 262_143));
        var perfusion = (ir.Max() - ir.Min()) / ir.Average();
        Assert.InRange(perfusion, 0.01, 0.08);
        // Blood volume rises at systole, so the detected light falls: count minima as peaks of the inverted trace.
        var inverted = ir.Select(v => -v).ToArray();
        var threshold = inverted.Average() + (0.25 * (inverted.Max() - inverted.Average()));
        var pulses = Sim.Peaks(inverted, threshold, refractory: 35).Count;
        var expected = p.TruthAt(p.StartUnixMs + 15_000).HeartRate / 2;
        Assert.InRange(pulses, expected - 3, expected + 3);
    }
}

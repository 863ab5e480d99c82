using SensorChain.Protocol;

namespace SensorChain.FirmwareSim.Tests;

public sealed class EcgTests
{
    [Theory]
    [InlineData("stable", 1)]
    [InlineData("stable", 2)]
    [InlineData("tachycardia", 3)]
    [InlineData("atrial-fibrillation", 4)]
    [InlineData("hypoxemia", 5)]
    public void R_peak_count_over_sixty_seconds_matches_the_true_heart_rate(string id, long seed)
    {
        var scenario = Scenario.Parse(id);
        var p = Sim.Patient(scenario, seed);
        var from = (scenario.Onset + scenario.Ramp).TotalSeconds;
        var ecg = Sim.Regular(p, SensorKind.Ecg, from, 60);
        var peaks = Sim.Peaks(ecg, 0.5 * ecg.Max(), refractory: 50);
        var expected = Enumerable.Range(0, 60).Average(s => p.TruthAt(Sim.Start + (long)((from + s + 0.5) * 1000)).HeartRate);
        Assert.InRange(peaks.Count, expected - 3, expected + 3);
    }

    [Fact]
    public void Atrial_fibrillation_is_irregularly_irregular_and_sinus_is_not()
    {
        var af = RrIntervals(Sim.Patient(Scenario.AtrialFibrillation, 9), 20, 120);
        var sinus = RrIntervals(Sim.Patient(Scenario.Stable, 9), 20, 120);
        Assert.True(Sim.CoefficientOfVariation(af) > 0.15, $"AF RR CV {Sim.CoefficientOfVariation(af):F3}");
        Assert.True(Sim.CoefficientOfVariation(sinus) < 0.08, $"sinus RR CV {Sim.CoefficientOfVariation(sinus):F3}");
        // Successive differences: large and uncorrelated in AF, small and smooth in sinus rhythm.
        Assert.True(NormalisedRmssd(af) > 0.15);
        Assert.True(NormalisedRmssd(sinus) < 0.06);
    }

    [Fact]
    public void Sinus_rhythm_has_p_waves_and_atrial_fibrillation_has_none()
    {
        Assert.True(PWaveAmplitude(Sim.Patient(Scenario.Stable, 5)) > 0.06);
        Assert.True(PWaveAmplitude(Sim.Patient(Scenario.AtrialFibrillation, 5)) < 0.03);
    }

    [Fact]
    public void Ecg_has_a_qrs_taller_than_its_t_wave()
    {
        var ecg = Sim.Regular(Sim.Patient(Scenario.Stable, 6), SensorKind.Ecg, 0, 10);
        var peaks = Sim.Peaks(ecg, 0.5 * ecg.Max(), 50);
        foreach (var r in peaks.Where(i => i > 10 && i + 120 < ecg.Length))
        {
            var tWave = ecg.Skip(r + 25).Take(90).Max();
            Assert.True(ecg[r] > 2 * tWave, $"R {ecg[r]:F2} vs T {tWave:F2}");
            Assert.True(ecg.Skip(r).Take(15).Min() < ecg[r] - 0.8, "a sharp downstroke follows the R peak");
        }
    }

    private static List<double> RrIntervals(VirtualPatient p, int from, int seconds)
    {
        var ecg = Sim.Regular(p, SensorKind.Ecg, from, seconds);
        var peaks = Sim.Peaks(ecg, 0.5 * ecg.Max(), 50);
        return [.. peaks.Zip(peaks.Skip(1), (a, b) => (b - a) / 250.0)];
    }

    private static double NormalisedRmssd(List<double> rr)
    {
        var diffs = rr.Zip(rr.Skip(1), (a, b) => (b - a) * (b - a)).ToList();
        return Math.Sqrt(diffs.Average()) / rr.Average();
    }

    /// <summary>Beat-averaged height of the segment 100–240 ms before the R peak above the level 280–300 ms before.</summary>
    private static double PWaveAmplitude(VirtualPatient p)
    {
        var ecg = Sim.Regular(p, SensorKind.Ecg, 15, 60);
        var peaks = Sim.Peaks(ecg, 0.5 * ecg.Max(), 50).Where(i => i > 80).ToList();
        var average = new double[80];
        foreach (var r in peaks)
        {
            for (var k = 0; k < 80; k++)
            {
                average[k] += ecg[r - 80 + k] / peaks.Count;
            }
        }

        // average[k] is 320 − 4k ms before the R peak.
        var baseline = average.Skip(5).Take(5).Average();
        return average.Skip(20).Take(35).Max() - baseline;
    }
}

using SensorChain.Protocol;

namespace SensorChain.FirmwareSim.Tests;

public sealed class News2Tests
{
    public static TheoryData<string, int, int, int> Expectations() => new()
    {
        // scenario, lowest and highest aggregate after the ramp, highest single parameter
        { "stable", 0, 0, 0 },
        { "tachycardia", 3, 3, 3 },
        { "atrial-fibrillation", 1, 1, 1 },
        { "hypoxemia", 6, 6, 3 },
        { "fever", 5, 5, 2 },
        { "hypoglycemia", 1, 1, 1 },
        { "hypertensive-crisis", 1, 1, 1 },
        { "fall", 0, 1, 1 },
        { "sensor-detached", 0, 0, 0 },
    };

    [Theory]
    [MemberData(nameof(Expectations))]
    public void Scenario_truth_scores_the_documented_news2(string id, int low, int high, int maxSingle)
    {
        var scenario = Scenario.Parse(id);
        foreach (var seed in new long[] { 1, 2, 3, 4 })
        {
            var p = Sim.Patient(scenario, seed);
            var settled = (long)(scenario.Onset + scenario.Ramp).TotalMilliseconds + 1000;
            for (var ms = settled; ms < settled + 300_000; ms += 5000)
            {
                var parts = News2.Parts(p.TruthAt(Sim.Start + ms));
                Assert.True(parts.Sum() >= low && parts.Sum() <= high, $"seed {seed} at {ms} ms: {string.Join(",", parts)}");
                Assert.InRange(parts.Max(), 0, maxSingle);
            }
        }
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    public void Stable_reported_numerics_never_score_three_and_rarely_score_at_all(long seed)
    {
        var p = Sim.Patient(Scenario.Stable, seed);
        var hr = Sim.Regular(p, SensorKind.HeartRate, 0, 1800);
        var spo2 = Sim.Regular(p, SensorKind.SpO2, 0, 1800);
        var rr = Sim.Regular(p, SensorKind.RespirationRate, 0, 1800);
        var scores = hr.Select((_, i) => new[] { News2.Pulse(hr[i]), News2.SpO2(spo2[i]), News2.Respiration(rr[i]) }).ToList();
        Assert.All(scores, s => Assert.True(s.Max() < 3 && s.Sum() < 2));
        Assert.True(scores.Count(s => s.Sum() > 0) < 18, "under 1 % of readings score a point");
    }
}

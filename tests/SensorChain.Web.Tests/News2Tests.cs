using SensorChain.Web.Clinical;

namespace SensorChain.Web.Tests;

/// <summary>The patient list's NEWS2 comes from SensorChain.Clinical's scorer; these check the adaptation.</summary>
public sealed class News2Tests
{
    [Fact]
    public void Normal_vitals_score_zero_and_list_what_was_not_measured()
    {
        var result = VitalsNews2Source.Score(respirationRate: 16, spo2: 98, systolic: 120, pulse: 70, temperature: 37.0);
        Assert.Equal(0, result.Score);
        Assert.Equal("low", result.Risk);
        Assert.Equal(["consciousness", "supplemental oxygen"], result.Missing);
    }

    [Fact]
    public void Hypoxaemia_scores_as_the_scenario_describes()
    {
        // RR 22 → 2, SpO2 85 → 3, SBP 120 → 0, pulse 100 → 1, temp 37 → 0: 6, medium.
        var result = VitalsNews2Source.Score(22, 85, 120, 100, 37.0);
        Assert.Equal(6, result.Score);
        Assert.Equal("medium", result.Risk);
    }

    [Fact]
    public void A_single_red_parameter_is_low_medium_and_seven_is_high()
    {
        Assert.Equal("low-medium", VitalsNews2Source.Score(16, 98, 120, 35, 37.0).Risk);
        Assert.Equal("high", VitalsNews2Source.Score(26, 90, 120, 140, 37.0).Risk);
    }

    [Fact]
    public void Unmeasured_vitals_are_listed_and_score_nothing()
    {
        var result = VitalsNews2Source.Score(null, 98, null, 70, null);
        Assert.Equal(0, result.Score);
        Assert.Equal(["respiration rate", "systolic BP", "temperature", "consciousness", "supplemental oxygen"], result.Missing);
    }
}

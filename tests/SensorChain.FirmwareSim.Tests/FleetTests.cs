using SensorChain.Protocol;

namespace SensorChain.FirmwareSim.Tests;

public sealed class FleetTests
{
    [Fact]
    public void Fleet_patients_have_distinct_seeds_and_differ()
    {
        var fleet = new VirtualFleet(500, Sim.Start, baseSeed: 99);
        Assert.Equal(500, fleet.Count);
        Assert.Equal(500, fleet.Select(p => p.Seed).Distinct().Count());
        var a = fleet[0].RenderWindow(Sim.Start, 1000).Single(c => c.Kind == SensorKind.Ecg);
        var b = fleet[1].RenderWindow(Sim.Start, 1000).Single(c => c.Kind == SensorKind.Ecg);
        Assert.NotEqual(a.Values, b.Values);
        Assert.NotEqual(new VirtualFleet(1, Sim.Start, baseSeed: 100)[0].Seed, fleet[0].Seed);
    }

    [Fact]
    public void Scenario_mix_is_assigned_in_proportion_and_interleaved()
    {
        var fleet = new VirtualFleet(100, Sim.Start, 5, [new(Scenario.Stable, 3), new(Scenario.Fall, 1)]);
        Assert.Equal(75, fleet.Count(p => p.Scenario == Scenario.Stable));
        Assert.Equal(25, fleet.Count(p => p.Scenario == Scenario.Fall));
        Assert.Contains(fleet.Take(4), p => p.Scenario == Scenario.Fall);
        Assert.All(new VirtualFleet(10, Sim.Start), p => Assert.Same(Scenario.Stable, p.Scenario));
    }

    [Fact]
    public void Patient_i_does_not_depend_on_fleet_size()
    {
        var small = new VirtualFleet(3, Sim.Start, 8, [new(Scenario.Stable, 1), new(Scenario.Fever, 1)]);
        var large = new VirtualFleet(300, Sim.Start, 8, [new(Scenario.Stable, 1), new(Scenario.Fever, 1)]);
        for (var i = 0; i < small.Count; i++)
        {
            Assert.Equal(small[i].Seed, large[i].Seed);
            Assert.Same(small[i].Scenario, large[i].Scenario);
        }
    }

    [Fact]
    public void Fleet_window_equals_each_patients_own_window()
    {
        var fleet = VirtualFleet.Uniform(20, Scenario.AtrialFibrillation, Sim.Start, 4);
        var windows = fleet.RenderWindow(Sim.Start + 12_000, 1000);
        for (var i = 0; i < fleet.Count; i++)
        {
            Assert.Equal(fleet[i].RenderWindow(Sim.Start + 12_000, 1000), windows[i]);
        }
    }

    [Fact]
    public void Bad_mix_is_rejected_with_a_clear_error()
    {
        var error = Assert.Throws<ArgumentException>(() => new VirtualFleet(5, Sim.Start, 1, [new(Scenario.Stable, 0)]));
        Assert.Contains("positive", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new VirtualFleet(-1, Sim.Start));
    }

    [Fact]
    public void Invalid_profile_is_rejected_naming_the_value()
    {
        var error = Assert.Throws<ArgumentException>(() => new VirtualPatient(1, Scenario.Stable, Sim.Start, new PatientProfile(BaselineHeartRate: 400)));
        Assert.Contains("BaselineHeartRate", error.Message, StringComparison.Ordinal);
    }
}

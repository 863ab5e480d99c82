using SensorChain.Protocol;

namespace SensorChain.FirmwareSim.Tests;

public sealed class DetachmentTests
{
    [Fact]
    public void Sensors_come_off_at_the_onset_with_flags_set_and_recover_when_reattached()
    {
        var p = Sim.Patient(Scenario.SensorDetached);
        var before = p.RenderWindow(Sim.Start + 5_000, 1000);
        var during = p.RenderWindow(Sim.Start + 15_000, 1000);
        var after = p.RenderWindow(Sim.Start + 35_000, 1000);

        Assert.All(before, c => Assert.False(c.Quality.HasFlag(SignalQuality.LeadOff) || c.Quality.HasFlag(SignalQuality.Detached)));
        Assert.All(after, c => Assert.False(c.Quality.HasFlag(SignalQuality.LeadOff) || c.Quality.HasFlag(SignalQuality.Detached)));

        var ecg = during.Single(c => c.Kind == SensorKind.Ecg);
        Assert.True(ecg.Quality.HasFlag(SignalQuality.LeadOff));
        Assert.Equal(250, ecg.Count);
        Assert.All(ecg.Values, v => Assert.Equal(ecg.Values[0], v)); // flat, railed
        Assert.Equal(VirtualPatient.EcgRailMillivolts, ecg.ValueAt(0), 3);

        var ppg = during.Single(c => c.Kind == SensorKind.Ppg);
        Assert.True(ppg.Quality.HasFlag(SignalQuality.Detached));
        Assert.All(ppg.Values, v => Assert.InRange(v, 0, 2000)); // ambient light only

        foreach (var kind in new[] { SensorKind.HeartRate, SensorKind.SpO2, SensorKind.RespirationRate })
        {
            var numeric = during.Single(c => c.Kind == kind);
            Assert.True(numeric.Quality.HasFlag(SignalQuality.Detached));
            Assert.Empty(numeric.Values);
            Assert.Single(after.Single(c => c.Kind == kind).Values);
        }

        Assert.False(p.TruthAt(Sim.Start + 15_000).EcgLeadsAttached);
        Assert.False(p.TruthAt(Sim.Start + 15_000).PpgAttached);
        Assert.True(p.TruthAt(Sim.Start + 31_000).EcgLeadsAttached);
        Assert.True(p.EcgLeadsOff(20) && p.PpgFingerOff(20) && !p.EcgLeadsOff(30.5));
        Assert.InRange(after.Single(c => c.Kind == SensorKind.Ppg).Values.Min(), 50_000, 262_143);
    }

    [Fact]
    public void Detachment_length_is_configurable()
    {
        var p = Sim.Patient(Scenario.SensorDetached.WithOnset(TimeSpan.FromSeconds(5)).WithDetachedFor(TimeSpan.FromSeconds(60)));
        Assert.True(p.TruthAt(Sim.Start + 4_000).EcgLeadsAttached);
        Assert.False(p.TruthAt(Sim.Start + 60_000).EcgLeadsAttached);
        Assert.True(p.TruthAt(Sim.Start + 66_000).EcgLeadsAttached);
    }

    [Fact]
    public void Motion_flags_the_waveforms_during_a_fall()
    {
        var p = Sim.Patient(Scenario.Fall);
        var window = p.RenderWindow(Sim.Start + 10_000, 1000);
        Assert.True(window.Single(c => c.Kind == SensorKind.Ecg).Quality.HasFlag(SignalQuality.Motion));
        Assert.True(window.Single(c => c.Kind == SensorKind.SpO2).Quality.HasFlag(SignalQuality.Motion));
        var still = p.RenderWindow(Sim.Start + 20_000, 1000);
        Assert.Equal(SignalQuality.Good, still.Single(c => c.Kind == SensorKind.Ecg).Quality);
    }
}

using SensorChain.Protocol;

namespace SensorChain.FirmwareSim.Tests;

public sealed class DeterminismTests
{
    public static TheoryData<string> Scenarios() => [.. Scenario.All.Select(s => s.Id)];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Same_seed_renders_identical_windows(string id)
    {
        var a = Sim.Patient(Scenario.Parse(id), seed: 7);
        var b = Sim.Patient(Scenario.Parse(id), seed: 7);
        foreach (var second in new[] { 0, 9, 10, 11, 25, 59 })
        {
            var start = Sim.Start + (second * 1000L);
            Assert.Equal(a.RenderWindow(start, 1000), b.RenderWindow(start, 1000));
            Assert.Equal(a.TruthAt(start), b.TruthAt(start));
        }
    }

    [Fact]
    public void Different_seeds_render_different_waveforms()
    {
        var a = Sim.Patient(Scenario.Stable, seed: 1).RenderWindow(Sim.Start, 1000);
        var b = Sim.Patient(Scenario.Stable, seed: 2).RenderWindow(Sim.Start, 1000);
        foreach (var kind in new[] { SensorKind.Ecg, SensorKind.Ppg, SensorKind.Emg, SensorKind.Gsr, SensorKind.AccelZ })
        {
            Assert.NotEqual(a.Single(c => c.Kind == kind).Values, b.Single(c => c.Kind == kind).Values);
        }
    }

    [Fact]
    public void Rendering_order_does_not_change_the_samples()
    {
        var forward = Sim.Patient(Scenario.AtrialFibrillation);
        var backward = Sim.Patient(Scenario.AtrialFibrillation);
        var first = Enumerable.Range(0, 30).Select(s => forward.RenderWindow(Sim.Start + (s * 1000L), 1000)).ToList();
        var second = Enumerable.Range(0, 30).Reverse().Select(s => backward.RenderWindow(Sim.Start + (s * 1000L), 1000)).Reverse().ToList();
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i], second[i]);
        }
    }

    [Fact]
    public void Signal_functions_agree_with_rendered_samples()
    {
        var p = Sim.Patient(Scenario.Tachycardia);
        var window = p.RenderWindow(Sim.Start + 20_000, 1000);
        var ecg = window.Single(c => c.Kind == SensorKind.Ecg);
        var ppg = window.Single(c => c.Kind == SensorKind.Ppg);
        var emg = window.Single(c => c.Kind == SensorKind.Emg);
        var gsr = window.Single(c => c.Kind == SensorKind.Gsr);
        var z = window.Single(c => c.Kind == SensorKind.AccelZ);
        for (var i = 0; i < ecg.Count; i += 7)
        {
            Assert.Equal(ecg.ValueAt(i), p.EcgMillivolts(20 + (i / 250.0)), 3);
        }

        for (var i = 0; i < ppg.Count; i += 3)
        {
            Assert.Equal(ppg.Values[i], Math.Round(p.PpgCounts(20 + (i / 100.0)).Ir));
        }

        Assert.Equal(emg.ValueAt(10), p.EmgMillivolts(20 + (10 / 500.0)), 3);
        Assert.Equal(gsr.ValueAt(3), p.GsrMicrosiemens(20.3), 2);
        Assert.Equal(z.ValueAt(5), p.AccelG(20.1).Z, 3);
    }
}

using SensorChain.Edge.Hardware.Drivers.Adxl345;
using SensorChain.Edge.Hardware.Kit;
using SensorChain.FirmwareSim;
using SensorChain.FirmwareSim.Chips.Signals;

namespace SensorChain.Hardware.Tests;

/// <summary>Drivers against emulated chips driven by firmware-sim's VirtualPatient.</summary>
public sealed class VirtualPatientAccuracyTests
{
    [Theory]
    [InlineData(2, "stable")]
    [InlineData(5, "stable")]
    [InlineData(6, "stable")]
    [InlineData(4, "hypoxemia")]
    public async Task Pulse_and_spo2_match_virtual_patient_truth(long seed, string scenario)
    {
        var start = new TestSupport.ManualTimeProvider().GetUtcNow().ToUnixTimeMilliseconds();
        var patient = new VirtualPatient(seed, Scenario.Parse(scenario).WithOnset(TimeSpan.Zero).WithRamp(TimeSpan.FromSeconds(1)), start);
        // Motion artefacts bias SpO2 on real oximeters too (they are flagged, not corrected): measure while still.
        var active = Enumerable.Range(0, 120).Max(i => patient.TruthAt(start + (i * 100)).Activity);
        if (active > 0)
        {
            Assert.Fail($"seed {seed} moves in the first 12 s (activity {active:0.00}); pick a still seed");
        }

        await using var kit = new KitHarness(new VirtualPatientSource(patient));
        kit.Run(12);
        var estimate = kit.Sensor<PpgSensor>().LastEstimate;
        var truth = kit.Kit.Source.TruthAt(kit.Seconds - 4);
        Assert.InRange(estimate.PulseRateBpm, truth.HeartRateBpm - 2, truth.HeartRateBpm + 2);
        Assert.InRange(estimate.SpO2Percent, truth.SpO2Percent - 2, truth.SpO2Percent + 2);
    }

    [Fact]
    public void Every_virtual_patient_posture_is_classified_for_many_seeds()
    {
        for (var seed = 1; seed <= 40; seed++)
        {
            var patient = new VirtualPatient(seed, Scenario.Stable, 0);
            foreach (var posture in Enum.GetValues<Posture>())
            {
                var (x, y, z) = patient.GravityOf(posture);
                Assert.Equal(VirtualPatientSource.ToBodyPosition(posture), PostureClassifier.Classify(new AccelSample(x, y, z)));
            }
        }
    }

    [Theory]
    [InlineData("fall", 1)]
    [InlineData("stable", 0)]
    public async Task Fall_is_detected_only_in_fall_scenario(string scenario, int expectedFalls)
    {
        var start = new TestSupport.ManualTimeProvider().GetUtcNow().ToUnixTimeMilliseconds();
        var patient = new VirtualPatient(11, Scenario.Parse(scenario).WithOnset(TimeSpan.FromSeconds(10)), start);
        await using var kit = new KitHarness(new VirtualPatientSource(patient));
        kit.Run(25);
        Assert.Equal(expectedFalls, kit.Sensor<AccelerometerSensor>().FallTimes.Count);
    }
}

using SensorChain.Edge.Hardware.Drivers.Adxl345;
using SensorChain.Edge.Hardware.Kit;
using SensorChain.FirmwareSim.Chips.Signals;

namespace SensorChain.Hardware.Tests;

public sealed class AccuracyTests
{
    [Theory]
    [InlineData(48, 99)]
    [InlineData(72, 97)]
    [InlineData(95, 92)]
    [InlineData(128, 88)]
    [InlineData(160, 84)]
    public async Task Pulse_and_spo2_from_emulated_ppg_match_truth(double heartRate, double spo2)
    {
        await using var kit = new KitHarness(new SyntheticPatient("stable", heartRate, spo2));
        kit.Run(10);
        var estimate = kit.Sensor<PpgSensor>().LastEstimate;
        var truth = kit.Kit.Source.TruthAt(kit.Seconds);
        Assert.True(estimate.FingerOn);
        Assert.InRange(estimate.PulseRateBpm, truth.HeartRateBpm - 2, truth.HeartRateBpm + 2);
        Assert.InRange(estimate.SpO2Percent, truth.SpO2Percent - 2, truth.SpO2Percent + 2);
    }

    [Fact]
    public async Task Every_posture_is_classified_correctly()
    {
        await using var kit = new KitHarness(new SyntheticPatient("postures"));
        var accel = kit.Sensor<AccelerometerSensor>();
        var seen = new HashSet<BodyPosition>();
        for (var segment = 0; segment < 5; segment++)
        {
            // Middle of each posture segment.
            kit.Run((segment * SyntheticPatient.PostureSeconds) + 3 - kit.Seconds);
            var start = kit.NowMs;
            kit.Run(1.5);
            var truth = kit.Kit.Source.TruthAt(kit.Seconds - 1).Posture;
            Assert.Equal(truth, accel.PositionIn(start, 1000));
            seen.Add(truth);
        }

        Assert.Equal(5, seen.Count);
    }

    [Fact]
    public async Task Fall_is_detected_in_fall_scenario_and_flagged_as_motion()
    {
        await using var kit = new KitHarness(new SyntheticPatient("fall"));
        kit.Run(SyntheticPatient.FallAt - 0.5);
        Assert.Empty(kit.Sensor<AccelerometerSensor>().FallTimes);
        var window = kit.NextWindow();
        kit.Run(1);
        var falls = kit.Sensor<AccelerometerSensor>().FallTimes;
        Assert.Single(falls);
        Assert.True(KitHarness.Channel(window, Protocol.SensorKind.AccelZ).Quality.HasFlag(Protocol.SignalQuality.Motion));
        var after = kit.NextWindow();
        Assert.Equal(BodyPosition.Supine, kit.Sensor<AccelerometerSensor>().LastPosition);
        Assert.NotEmpty(after);
    }

    [Fact]
    public async Task No_fall_is_detected_in_stable_scenario()
    {
        await using var kit = new KitHarness(new SyntheticPatient("stable"));
        kit.Run(30);
        Assert.Empty(kit.Sensor<AccelerometerSensor>().FallTimes);
    }

    [Fact]
    public async Task Ecg_temperature_gsr_channels_carry_model_values()
    {
        await using var kit = new KitHarness(new SyntheticPatient("stable"));
        kit.Run(3);
        var window = kit.NextWindow();
        var ecg = KitHarness.Channel(window, Protocol.SensorKind.Ecg);
        Assert.Equal(250, ecg.Count);
        Assert.Equal(Protocol.SignalQuality.Good, ecg.Quality);
        var max = Enumerable.Range(0, ecg.Count).Max(ecg.ValueAt);
        Assert.InRange(max, 0.8, 1.3); // R wave ~1.1 mV at 1 mV/0.1 V gain through 16-bit ADC
        var temperature = KitHarness.Channel(window, Protocol.SensorKind.BodyTemperature);
        Assert.InRange(temperature.ValueAt(0), 36.7, 36.9);
        var gsr = KitHarness.Channel(window, Protocol.SensorKind.Gsr);
        Assert.InRange(gsr.ValueAt(0), 4.4, 5.6);
        Assert.Equal(25, gsr.Count);
    }
}

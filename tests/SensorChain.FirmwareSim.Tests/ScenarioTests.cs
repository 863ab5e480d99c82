using SensorChain.Protocol;

namespace SensorChain.FirmwareSim.Tests;

public sealed class ScenarioTests
{
    [Fact]
    public void All_holds_exactly_the_nine_named_scenarios()
    {
        Assert.Equal(
            ["stable", "tachycardia", "atrial-fibrillation", "hypoxemia", "fever", "hypoglycemia", "hypertensive-crisis", "fall", "sensor-detached"],
            Scenario.All.Select(s => s.Id));
    }

    [Fact]
    public void Parse_accepts_ids_in_any_case_and_rejects_unknown_names_listing_the_valid_ones()
    {
        Assert.Same(Scenario.AtrialFibrillation, Scenario.Parse("Atrial-Fibrillation "));
        var error = Assert.Throws<ArgumentException>(() => Scenario.Parse("afib"));
        Assert.Contains("'afib'", error.Message, StringComparison.Ordinal);
        foreach (var scenario in Scenario.All)
        {
            Assert.Contains(scenario.Id, error.Message, StringComparison.Ordinal);
        }

        Assert.False(Scenario.TryParse(null, out _));
    }

    [Fact]
    public void Declared_conditions_come_from_the_vocabulary_and_never_contradict()
    {
        Assert.Equal(16, ClinicalCondition.All.Count);
        foreach (var scenario in Scenario.All)
        {
            Assert.All(scenario.MustRaise.Concat(scenario.MustNotRaise), id => Assert.True(ClinicalCondition.IsKnown(id), id));
            Assert.Empty(scenario.MustRaise.Intersect(scenario.MustNotRaise));
            if (scenario != Scenario.Stable)
            {
                Assert.NotEmpty(scenario.MustRaise);
            }
        }

        Assert.Empty(Scenario.Stable.MustRaise);
        Assert.Equal(ClinicalCondition.All, Scenario.Stable.MustNotRaise);
        Assert.Contains(ClinicalCondition.Fall, Scenario.Fall.MustRaise);
        Assert.Contains(ClinicalCondition.Desaturation, Scenario.SensorDetached.MustNotRaise);
        Assert.Contains(ClinicalCondition.AtrialFibrillation, Scenario.Tachycardia.MustNotRaise);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Stable_patient_stays_in_normal_ranges_for_ten_minutes(long seed)
    {
        var p = Sim.Patient(Scenario.Stable, seed);
        for (var s = 0; s < 600; s++)
        {
            var t = p.TruthAt(Sim.Start + (s * 1000L));
            Assert.InRange(t.HeartRate, 50, 100);
            Assert.InRange(t.SpO2, 95, 100);
            Assert.InRange(t.TemperatureCelsius, 36.0, 37.9);
            Assert.InRange(t.Systolic, 100, 139);
            Assert.InRange(t.Diastolic, 60, 89);
            Assert.InRange(t.GlucoseMgDl, 70, 140);
            Assert.InRange(t.RespirationRate, 12, 20);
            Assert.Equal(CardiacRhythm.Sinus, t.Rhythm);
            Assert.True(t.EcgLeadsAttached && t.PpgAttached);
            Assert.False(t.Falling || t.Impact);
        }

        var hr = Sim.Regular(p, SensorKind.HeartRate, 0, 120);
        var spo2 = Sim.Regular(p, SensorKind.SpO2, 0, 120);
        Assert.Equal(120, hr.Length);
        Assert.All(hr, v => Assert.InRange(v, 50, 100));
        Assert.All(spo2, v => Assert.InRange(v, 95, 100));
    }

    public static TheoryData<string, Func<VitalTruth, double>, double, double> Changes() => new()
    {
        { "tachycardia", t => t.HeartRate, 130, 150 },
        { "atrial-fibrillation", t => t.HeartRate, 85, 110 },
        { "hypoxemia", t => t.SpO2, 83, 87 },
        { "fever", t => t.TemperatureCelsius, 39.3, 39.7 },
        { "hypoglycemia", t => t.GlucoseMgDl, 38, 53.9 },
        { "hypertensive-crisis", t => t.Systolic, 180, 210 },
        { "hypertensive-crisis", t => t.Diastolic, 120, 135 },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Scenario_moves_its_vital_after_the_onset_and_not_before(string id, Func<VitalTruth, double> vital, double low, double high)
    {
        var scenario = Scenario.Parse(id);
        foreach (var seed in new long[] { 1, 2, 3 })
        {
            var p = Sim.Patient(scenario, seed);
            var before = vital(p.TruthAt(Sim.Start + 9_000));
            var stable = vital(Sim.Patient(Scenario.Stable, seed).TruthAt(Sim.Start + 9_000));
            Assert.Equal(stable, before);
            var settled = (long)(scenario.Onset + scenario.Ramp).TotalMilliseconds;
            for (var ms = settled; ms < settled + 120_000; ms += 1000)
            {
                Assert.InRange(vital(p.TruthAt(Sim.Start + ms)), low, high);
            }
        }
    }

    [Fact]
    public void Atrial_fibrillation_switches_the_rhythm_at_the_onset()
    {
        var p = Sim.Patient(Scenario.AtrialFibrillation);
        Assert.Equal(CardiacRhythm.Sinus, p.TruthAt(Sim.Start + 9_900).Rhythm);
        Assert.Equal(CardiacRhythm.AtrialFibrillation, p.TruthAt(Sim.Start + 10_100).Rhythm);
    }

    [Fact]
    public void Onset_is_configurable()
    {
        var late = Sim.Patient(Scenario.Tachycardia.WithOnset(TimeSpan.FromSeconds(60)));
        var stable = Sim.Patient(Scenario.Stable);
        Assert.Equal(stable.TruthAt(Sim.Start + 50_000).HeartRate, late.TruthAt(Sim.Start + 50_000).HeartRate);
        Assert.InRange(late.TruthAt(Sim.Start + 90_000).HeartRate, 130, 150);
        var slow = Sim.Patient(Scenario.Fever.WithRamp(TimeSpan.FromMinutes(30)));
        Assert.InRange(slow.TruthAt(Sim.Start + 70_000).TemperatureCelsius, 36, 37.9);
        Assert.InRange(slow.TruthAt(Sim.Start + 1_900_000).TemperatureCelsius, 39.3, 39.7);
    }

    [Theory]
    [MemberData(nameof(ScenarioIds))]
    public void First_window_of_a_run_holds_every_sensor_kind(string id)
    {
        var window = Sim.Patient(Scenario.Parse(id)).RenderWindow(Sim.Start, 1000);
        Assert.Equal(Enum.GetValues<SensorKind>(), window.Select(c => c.Kind));
        Assert.All(window, c => Assert.NotEmpty(c.Values));
        Assert.All(window, c =>
        {
            Assert.Equal(SensorKindInfo.DefaultUnit(c.Kind), c.Unit);
            Assert.Equal(SensorKindInfo.DefaultExponent(c.Kind), c.Exponent);
        });
        Assert.Equal(250, window.Single(c => c.Kind == SensorKind.Ecg).Count);
        Assert.Equal(500, window.Single(c => c.Kind == SensorKind.Emg).Count);
        Assert.Equal(100, window.Single(c => c.Kind == SensorKind.Ppg).Count);
        Assert.Equal(50, window.Single(c => c.Kind == SensorKind.AccelX).Count);
        Assert.Equal(10, window.Single(c => c.Kind == SensorKind.Gsr).Count);
    }

    public static TheoryData<string> ScenarioIds() => [.. Scenario.All.Select(s => s.Id)];

    [Fact]
    public void Spot_readings_show_the_change_within_a_sixty_second_run()
    {
        var fever = Sim.Spots(Sim.Patient(Scenario.Fever), SensorKind.BodyTemperature, 60);
        Assert.Equal([0.0, 10, 25, 40, 55], fever.Select(r => r.Time));
        Assert.InRange(fever[0].Value, 36, 37.9);
        Assert.True(fever[^1].Value >= 39.2, $"last temperature {fever[^1].Value}");

        var glucose = Sim.Spots(Sim.Patient(Scenario.Hypoglycemia), SensorKind.Glucose, 60);
        Assert.Equal(5, glucose.Count);
        Assert.True(glucose[^1].Value < 54, $"last glucose {glucose[^1].Value}");

        var crisis = Sim.Patient(Scenario.HypertensiveCrisis);
        var systolic = Sim.Spots(crisis, SensorKind.BloodPressureSystolic, 60);
        var diastolic = Sim.Spots(crisis, SensorKind.BloodPressureDiastolic, 60);
        var mean = Sim.Spots(crisis, SensorKind.BloodPressureMean, 60);
        Assert.Equal(systolic.Select(r => r.Time), diastolic.Select(r => r.Time));
        Assert.True(systolic[^1].Value >= 180 && diastolic[^1].Value >= 120, $"last BP {systolic[^1].Value}/{diastolic[^1].Value}");
        Assert.InRange(mean[^1].Value, diastolic[^1].Value, systolic[^1].Value);

        // Unaffected readings keep their normal interval: one temperature a minute, one BP and glucose per 5 minutes.
        var stable = Sim.Patient(Scenario.Stable);
        Assert.Equal([0.0, 60, 120], Sim.Spots(stable, SensorKind.BodyTemperature, 180).Select(r => r.Time));
        Assert.Single(Sim.Spots(stable, SensorKind.BloodPressureSystolic, 180));
    }
}

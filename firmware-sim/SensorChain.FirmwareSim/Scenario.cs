using SensorChain.Protocol;

namespace SensorChain.FirmwareSim;

/// <summary>
/// A named clinical storyline: from <see cref="Onset"/> after the run's start the vitals ramp (smoothstep over
/// <see cref="Ramp"/>) to the scenario's targets. Each scenario declares the clinical conditions alerting must raise
/// and must not raise (ids from <see cref="ClinicalCondition"/>); conditions in neither list are not judged.
/// Default ramps are compressed so a 60-s demo shows the change; use <see cref="WithRamp"/> for physiological timing.
/// </summary>
public sealed class Scenario
{
    private static readonly TimeSpan DefaultOnset = TimeSpan.FromSeconds(10);

    private Scenario(string id, string description, TimeSpan ramp, ScenarioEffects effects, string[] mustRaise, string[]? mustNotRaise = null)
    {
        Id = id;
        Description = description;
        Onset = DefaultOnset;
        Ramp = ramp;
        Effects = effects;
        MustRaise = mustRaise;
        MustNotRaise = mustNotRaise ?? [.. ClinicalCondition.All.Except(mustRaise)];
        DetachedFor = TimeSpan.FromSeconds(20);
    }

    private Scenario(Scenario other, TimeSpan onset, TimeSpan ramp, TimeSpan detachedFor)
    {
        Id = other.Id;
        Description = other.Description;
        Effects = other.Effects;
        MustRaise = other.MustRaise;
        MustNotRaise = other.MustNotRaise;
        Onset = onset;
        Ramp = ramp;
        DetachedFor = detachedFor;
    }

    /// <summary>No change: every vital stays in its normal range. Raises nothing.</summary>
    public static Scenario Stable { get; } = new("stable", "Healthy adult at rest; normal vitals with natural variability.",
        TimeSpan.Zero, new ScenarioEffects(), []);

    /// <summary>Sinus tachycardia to ~140/min.</summary>
    public static Scenario Tachycardia { get; } = new("tachycardia", "Sinus tachycardia: heart rate ramps to ~140/min, rhythm regular.",
        TimeSpan.FromSeconds(20), new ScenarioEffects { HeartRate = 140, RespirationRate = 18 },
        [ClinicalCondition.Tachycardia], Except(ClinicalCondition.Tachycardia, ClinicalCondition.News2Urgent));

    /// <summary>Atrial fibrillation at a controlled mean ventricular rate of ~96/min.</summary>
    public static Scenario AtrialFibrillation { get; } = new("atrial-fibrillation",
        "Paroxysmal atrial fibrillation: P waves vanish, fibrillatory baseline, irregularly irregular RR at a mean ~96/min.",
        TimeSpan.FromSeconds(5), new ScenarioEffects { HeartRate = 96, AtrialFibrillation = true },
        [ClinicalCondition.AtrialFibrillation], Except(ClinicalCondition.AtrialFibrillation, ClinicalCondition.Tachycardia));

    /// <summary>Hypoxaemia: SpO2 to ~85 %, compensatory tachypnoea and heart rate ~100 (NEWS2 6: urgent).</summary>
    public static Scenario Hypoxemia { get; } = new("hypoxemia", "Hypoxaemia: SpO2 falls to ~85 %, respiration 22/min, heart rate ~100/min (NEWS2 6).",
        TimeSpan.FromSeconds(30), new ScenarioEffects { SpO2 = 85, RespirationRate = 22, HeartRate = 100 },
        [ClinicalCondition.Desaturation, ClinicalCondition.News2Urgent],
        Except(ClinicalCondition.Desaturation, ClinicalCondition.News2Urgent, ClinicalCondition.Tachycardia));

    /// <summary>Fever to ~39.5 °C with tachypnoea and heart rate ~104 (NEWS2 5: urgent).</summary>
    public static Scenario Fever { get; } = new("fever", "Fever: temperature rises to ~39.5 °C, heart rate ~104/min, respiration 22/min (NEWS2 5).",
        TimeSpan.FromSeconds(30), new ScenarioEffects { Temperature = 39.5, HeartRate = 104, RespirationRate = 22, FrequentTemperature = true },
        [ClinicalCondition.Fever, ClinicalCondition.News2Urgent],
        Except(ClinicalCondition.Fever, ClinicalCondition.News2Urgent, ClinicalCondition.Tachycardia));

    /// <summary>Hypoglycaemia below 54 mg/dL (level 2) with sympathetic response: sweating and heart rate ~98.</summary>
    public static Scenario Hypoglycemia { get; } = new("hypoglycemia", "Hypoglycaemia: glucose falls to ~45 mg/dL; sweating raises skin conductance, heart rate ~98/min.",
        TimeSpan.FromSeconds(30), new ScenarioEffects { Glucose = 45, HeartRate = 98, SkinConductanceDelta = 6, FrequentGlucose = true },
        [ClinicalCondition.Hypoglycemia], Except(ClinicalCondition.Hypoglycemia, ClinicalCondition.Tachycardia));

    /// <summary>Hypertensive crisis at ~195/125 mmHg.</summary>
    public static Scenario HypertensiveCrisis { get; } = new("hypertensive-crisis", "Hypertensive crisis: blood pressure rises to ~195/125 mmHg, heart rate ~95/min.",
        TimeSpan.FromSeconds(30), new ScenarioEffects { Systolic = 195, Diastolic = 125, HeartRate = 95, FrequentBloodPressure = true },
        [ClinicalCondition.HypertensiveCrisis], Except(ClinicalCondition.HypertensiveCrisis, ClinicalCondition.Tachycardia));

    /// <summary>A fall from standing: ~0.45 s free fall, an impact above 3 g, then lying still in a new posture.</summary>
    public static Scenario Fall { get; } = new("fall", "Fall from standing: free fall (~0 g), impact (>3 g), then lying still on the floor; heart rate rises ~15/min.",
        TimeSpan.FromSeconds(10), new ScenarioEffects { HeartRateDelta = 15, Fall = true, SkinConductanceDelta = 1.5 },
        [ClinicalCondition.Fall], Except(ClinicalCondition.Fall, ClinicalCondition.Tachycardia));

    /// <summary>ECG leads come off and the finger leaves the oximeter at onset; both are reattached 20 s later.</summary>
    public static Scenario SensorDetached { get; } = new("sensor-detached",
        "Sensors detached: ECG leads off (railed trace, LeadOff flag) and finger off the oximeter (Detached flag), reattached after 20 s.",
        TimeSpan.Zero, new ScenarioEffects { Detach = true }, [ClinicalCondition.SensorDetached]);

    /// <summary>Every scenario, in a fixed order.</summary>
    public static IReadOnlyList<Scenario> All { get; } =
        [Stable, Tachycardia, AtrialFibrillation, Hypoxemia, Fever, Hypoglycemia, HypertensiveCrisis, Fall, SensorDetached];

    /// <summary>The scenario id (lower-case, e.g. <c>atrial-fibrillation</c>).</summary>
    public string Id { get; }

    /// <summary>One sentence on what happens.</summary>
    public string Description { get; }

    /// <summary>When the change starts, after the run's start (default 10 s).</summary>
    public TimeSpan Onset { get; }

    /// <summary>How long the vitals take to reach the scenario's targets (smoothstep).</summary>
    public TimeSpan Ramp { get; }

    /// <summary>For <c>sensor-detached</c>: how long the sensors stay off before they are reattached.</summary>
    public TimeSpan DetachedFor { get; }

    /// <summary>Conditions alerting must raise after the onset.</summary>
    public IReadOnlyList<string> MustRaise { get; }

    /// <summary>Conditions alerting must never raise in this scenario.</summary>
    public IReadOnlyList<string> MustNotRaise { get; }

    internal ScenarioEffects Effects { get; }

    /// <summary>Valid ids, comma separated (for error messages and help).</summary>
    public static string ValidNames => string.Join(", ", All.Select(s => s.Id));

    /// <summary>The scenario named <paramref name="id"/> (case-insensitive, surrounding spaces ignored).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the valid ones.</exception>
    public static Scenario Parse(string id) =>
        TryParse(id, out var scenario) ? scenario
        : throw new ArgumentException($"Unknown scenario '{id}'. Valid scenarios: {ValidNames}.", nameof(id));

    /// <summary>Looks up a scenario by id without throwing.</summary>
    public static bool TryParse(string? id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Scenario? scenario)
    {
        var key = id?.Trim();
        scenario = All.FirstOrDefault(s => string.Equals(s.Id, key, StringComparison.OrdinalIgnoreCase));
        return scenario is not null;
    }

    /// <summary>A copy whose change starts <paramref name="onset"/> after the run's start.</summary>
    public Scenario WithOnset(TimeSpan onset)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(onset, TimeSpan.Zero);
        return new Scenario(this, onset, Ramp, DetachedFor);
    }

    /// <summary>A copy that takes <paramref name="ramp"/> to reach its targets (e.g. 30 min for a realistic fever).</summary>
    public Scenario WithRamp(TimeSpan ramp)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ramp, TimeSpan.Zero);
        return new Scenario(this, Onset, ramp, DetachedFor);
    }

    /// <summary>A copy whose sensors stay detached for <paramref name="duration"/> (sensor-detached only).</summary>
    public Scenario WithDetachedFor(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        return new Scenario(this, Onset, Ramp, duration);
    }

    /// <inheritdoc />
    public override string ToString() => Id;

    private static string[] Except(params string[] ids) => [.. ClinicalCondition.All.Except(ids)];
}

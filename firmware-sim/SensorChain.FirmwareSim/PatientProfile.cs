namespace SensorChain.FirmwareSim;

/// <summary>
/// A virtual patient's resting baseline. Scenarios move the vitals away from it after their onset.
/// </summary>
/// <param name="AgeYears">Age in years (scales heart-rate variability).</param>
/// <param name="BaselineHeartRate">Resting heart rate, /min.</param>
/// <param name="BaselineSpO2">Resting SpO2, %.</param>
/// <param name="SpO2Scale">NEWS2 SpO2 scale (1, or 2 for hypercapnic respiratory failure).</param>
/// <param name="BaselineTemperature">Body temperature, °C.</param>
/// <param name="BaselineSystolic">Systolic blood pressure, mmHg.</param>
/// <param name="BaselineDiastolic">Diastolic blood pressure, mmHg.</param>
/// <param name="BaselineGlucose">Blood glucose, mg/dL.</param>
/// <param name="BaselineRespirationRate">Respiration rate, /min.</param>
/// <param name="BaselineSkinConductance">Tonic skin conductance, µS.</param>
/// <param name="FixedPosture">When set, the patient keeps this posture (no scheduled posture changes; the fall
/// scenario still stands the patient up until the fall). Handy for posture-classification tests.</param>
public sealed record PatientProfile(
    int AgeYears = 45,
    double BaselineHeartRate = 70,
    double BaselineSpO2 = 98,
    int SpO2Scale = 1,
    double BaselineTemperature = 36.8,
    double BaselineSystolic = 120,
    double BaselineDiastolic = 78,
    double BaselineGlucose = 95,
    double BaselineRespirationRate = 15,
    double BaselineSkinConductance = 4,
    Posture? FixedPosture = null)
{
    /// <summary>A typical healthy adult.</summary>
    public static PatientProfile Default { get; } = new();

    /// <summary>
    /// A plausible healthy adult drawn from <paramref name="seed"/>: every value stays inside the NEWS2 zero-score
    /// band and the normal ranges, so a <c>stable</c> patient raises no alert.
    /// </summary>
    public static PatientProfile FromSeed(long seed)
    {
        double U(int stream) => Models.DeterministicNoise.Uniform(seed, 0x5052_4F46 + stream, 0);
        return new PatientProfile(
            AgeYears: 25 + (int)(U(1) * 55),
            BaselineHeartRate: 60 + (U(2) * 20),
            BaselineSpO2: 97.2 + (U(3) * 1.8),
            SpO2Scale: 1,
            BaselineTemperature: 36.4 + (U(4) * 0.7),
            BaselineSystolic: 115 + (U(5) * 17),
            BaselineDiastolic: 70 + (U(6) * 12),
            BaselineGlucose: 85 + (U(7) * 20),
            BaselineRespirationRate: 13.5 + (U(8) * 3),
            BaselineSkinConductance: 2 + (U(9) * 6));
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value outside physiological limits.</summary>
    public void Validate()
    {
        Check(AgeYears, 0, 120, nameof(AgeYears));
        Check(BaselineHeartRate, 30, 180, nameof(BaselineHeartRate));
        Check(BaselineSpO2, 70, 100, nameof(BaselineSpO2));
        Check(SpO2Scale, 1, 2, nameof(SpO2Scale));
        Check(BaselineTemperature, 33, 42, nameof(BaselineTemperature));
        Check(BaselineSystolic, 60, 250, nameof(BaselineSystolic));
        Check(BaselineDiastolic, 30, 150, nameof(BaselineDiastolic));
        Check(BaselineGlucose, 30, 500, nameof(BaselineGlucose));
        Check(BaselineRespirationRate, 4, 40, nameof(BaselineRespirationRate));
        Check(BaselineSkinConductance, 0.1, 40, nameof(BaselineSkinConductance));
        if (FixedPosture is { } posture && !Enum.IsDefined(posture))
        {
            throw new ArgumentException($"FixedPosture = {posture} is not a posture.");
        }
        if (BaselineDiastolic >= BaselineSystolic)
        {
            throw new ArgumentException($"BaselineDiastolic ({BaselineDiastolic}) must be below BaselineSystolic ({BaselineSystolic}).");
        }
    }

    private static void Check(double value, double min, double max, string name)
    {
        if (!(value >= min && value <= max))
        {
            throw new ArgumentException($"{name} = {value} is outside {min}..{max}.");
        }
    }
}

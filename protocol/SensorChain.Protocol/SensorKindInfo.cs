namespace SensorChain.Protocol;

/// <summary>Defaults per sensor kind: the UCUM unit and decimal exponent a gateway uses unless configured otherwise.</summary>
public static class SensorKindInfo
{
    /// <summary>The UCUM unit code SensorChain uses for <paramref name="kind"/>.</summary>
    public static string DefaultUnit(SensorKind kind) => kind switch
    {
        SensorKind.HeartRate or SensorKind.RespirationRate => "/min",
        SensorKind.SpO2 => "%",
        SensorKind.Ecg or SensorKind.Emg => "mV",
        SensorKind.Ppg => "1",
        SensorKind.BodyTemperature => "Cel",
        SensorKind.Glucose => "mg/dL",
        SensorKind.Gsr => "uS",
        SensorKind.BloodPressureSystolic or SensorKind.BloodPressureDiastolic or SensorKind.BloodPressureMean => "mm[Hg]",
        SensorKind.AccelX or SensorKind.AccelY or SensorKind.AccelZ => "[g]",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown sensor kind."),
    };

    /// <summary>The decimal exponent: a raw integer r stands for r × 10^exponent in the unit.</summary>
    public static sbyte DefaultExponent(SensorKind kind) => kind switch
    {
        SensorKind.HeartRate or SensorKind.RespirationRate or SensorKind.SpO2 => -1,
        SensorKind.Ecg or SensorKind.Emg => -3,
        SensorKind.Ppg => 0,
        SensorKind.BodyTemperature => -2,
        SensorKind.Glucose => 0,
        SensorKind.Gsr => -2,
        SensorKind.BloodPressureSystolic or SensorKind.BloodPressureDiastolic or SensorKind.BloodPressureMean => 0,
        SensorKind.AccelX or SensorKind.AccelY or SensorKind.AccelZ => -3,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown sensor kind."),
    };

    /// <summary>True for kinds that carry a waveform rather than a numeric vital.</summary>
    public static bool IsWaveform(SensorKind kind) =>
        kind is SensorKind.Ecg or SensorKind.Emg or SensorKind.Ppg;

    /// <summary>True for values defined by the protocol (wire format v1).</summary>
    public static bool IsDefined(byte value) => value is >= 1 and <= 15;
}

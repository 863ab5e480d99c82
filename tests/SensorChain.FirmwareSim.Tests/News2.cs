namespace SensorChain.FirmwareSim.Tests;

/// <summary>NEWS2 (Royal College of Physicians, 2017), SpO2 scale 1, patient on air and alert: a test oracle.</summary>
internal static class News2
{
    public static int Respiration(double rr) => rr switch { <= 8 => 3, <= 11 => 1, <= 20 => 0, <= 24 => 2, _ => 3 };

    public static int SpO2(double s) => s switch { <= 91 => 3, <= 93 => 2, <= 95 => 1, _ => 0 };

    public static int Systolic(double s) => s switch { <= 90 => 3, <= 100 => 2, <= 110 => 1, <= 219 => 0, _ => 3 };

    public static int Pulse(double hr) => hr switch { <= 40 => 3, <= 50 => 1, <= 90 => 0, <= 110 => 1, <= 130 => 2, _ => 3 };

    public static int Temperature(double t) => t switch { <= 35.0 => 3, <= 36.0 => 1, <= 38.0 => 0, <= 39.0 => 1, _ => 2 };

    public static int[] Parts(VitalTruth v) =>
    [
        Respiration(Math.Round(v.RespirationRate)), SpO2(Math.Round(v.SpO2)), Systolic(Math.Round(v.Systolic)),
        Pulse(Math.Round(v.HeartRate)), Temperature(Math.Round(v.TemperatureCelsius, 1)),
    ];
}

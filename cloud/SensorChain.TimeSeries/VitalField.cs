namespace SensorChain.TimeSeries;

/// <summary>The field names written for each derived numeric (measurement <c>vitals</c>).</summary>
public static class VitalField
{
    public const string HeartRate = "heart_rate";
    public const string SpO2 = "spo2";
    public const string Temperature = "temperature";
    public const string Systolic = "bp_systolic";
    public const string Diastolic = "bp_diastolic";
    public const string MeanArterial = "bp_mean";
    public const string Glucose = "glucose";
    public const string RespirationRate = "respiration_rate";
    public const string Activity = "activity";
}

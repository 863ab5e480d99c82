namespace SensorChain.Web.Live;

/// <summary>Numeric vitals at one time (per-batch means; null where the batch had no such channel).</summary>
/// <param name="AtUnixMs">Window start, Unix ms.</param>
/// <param name="HeartRate">Beats per minute.</param>
/// <param name="SpO2">Percent.</param>
/// <param name="Temperature">Degrees Celsius.</param>
/// <param name="RespirationRate">Breaths per minute.</param>
/// <param name="Systolic">mmHg.</param>
/// <param name="Diastolic">mmHg.</param>
/// <param name="Glucose">mg/dL (category glucose).</param>
public sealed record VitalsSnapshot(long AtUnixMs, double? HeartRate, double? SpO2, double? Temperature, double? RespirationRate, double? Systolic, double? Diastolic, double? Glucose)
{
    /// <summary>This snapshot with missing values taken from <paramref name="older"/>.</summary>
    public VitalsSnapshot FillFrom(VitalsSnapshot? older) => older is null ? this : this with
    {
        HeartRate = HeartRate ?? older.HeartRate,
        SpO2 = SpO2 ?? older.SpO2,
        Temperature = Temperature ?? older.Temperature,
        RespirationRate = RespirationRate ?? older.RespirationRate,
        Systolic = Systolic ?? older.Systolic,
        Diastolic = Diastolic ?? older.Diastolic,
        Glucose = Glucose ?? older.Glucose,
    };

    /// <summary>A copy without the categories the viewer may not see.</summary>
    public VitalsSnapshot Filtered(bool vitals, bool glucose) => new(
        AtUnixMs,
        vitals ? HeartRate : null,
        vitals ? SpO2 : null,
        vitals ? Temperature : null,
        vitals ? RespirationRate : null,
        vitals ? Systolic : null,
        vitals ? Diastolic : null,
        glucose ? Glucose : null);
}

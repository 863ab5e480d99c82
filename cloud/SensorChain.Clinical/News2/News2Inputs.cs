namespace SensorChain.Clinical.News2;

/// <summary>
/// Observations for one NEWS2 score; null where not measured. At home consciousness (ACVPU) and supplemental
/// oxygen are not measured: unless given they are taken as "alert" and "air" (both score 0), so a home NEWS2 is a
/// lower bound of the ward score.
/// </summary>
public sealed record News2Inputs(
    double? RespirationRate,
    double? SpO2,
    double? SystolicBp,
    double? Pulse,
    double? TemperatureCelsius,
    SpO2Scale Scale = SpO2Scale.Scale1,
    bool OnOxygen = false,
    bool NewConfusion = false);

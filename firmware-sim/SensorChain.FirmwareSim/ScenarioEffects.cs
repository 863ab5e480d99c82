namespace SensorChain.FirmwareSim;

/// <summary>What a scenario does to the vitals once its onset ramp completes (absolute targets unless named Delta).</summary>
internal sealed record ScenarioEffects
{
    public double? HeartRate { get; init; }
    public double HeartRateDelta { get; init; }
    public double? SpO2 { get; init; }
    public double? Temperature { get; init; }
    public double? Systolic { get; init; }
    public double? Diastolic { get; init; }
    public double? Glucose { get; init; }
    public double? RespirationRate { get; init; }
    public double SkinConductanceDelta { get; init; }
    public bool AtrialFibrillation { get; init; }
    public bool Fall { get; init; }
    public bool Detach { get; init; }
    public bool FrequentTemperature { get; init; }
    public bool FrequentGlucose { get; init; }
    public bool FrequentBloodPressure { get; init; }
}

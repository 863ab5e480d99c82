using SensorChain.Clinical.News2;

namespace SensorChain.Clinical.Detection;

/// <summary>Per-patient detection settings (thresholds follow common adult home-monitoring practice).</summary>
public sealed record PatientDetectorOptions
{
    /// <summary>Defaults.</summary>
    public static PatientDetectorOptions Default { get; } = new();

    /// <summary>NEWS2 SpO2 scale of this patient.</summary>
    public SpO2Scale SpO2Scale { get; init; } = SpO2Scale.Scale1;

    /// <summary>Sustained heart rate above this is tachycardia (/min).</summary>
    public double TachycardiaBpm { get; init; } = 120;

    /// <summary>Sustained heart rate below this is bradycardia (/min).</summary>
    public double BradycardiaBpm { get; init; } = 45;

    /// <summary>How long a heart-rate, SpO2 or rhythm criterion must hold.</summary>
    public TimeSpan VitalPersistence { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a NEWS2 response level must hold.</summary>
    public TimeSpan News2Persistence { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Fever threshold (°C).</summary>
    public double FeverCelsius { get; init; } = 38.0;

    /// <summary>Hyperglycaemia threshold (mg/dL).</summary>
    public double HyperglycemiaMgDl { get; init; } = 250;
}

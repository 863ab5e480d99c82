namespace SensorChain.Clinical.Ecg;

/// <summary>Tuning of <see cref="QrsDetector"/>; the defaults are the values validated on MIT-BIH.</summary>
public sealed record QrsDetectorOptions
{
    /// <summary>Default options.</summary>
    public static QrsDetectorOptions Default { get; } = new();

    /// <summary>Detection threshold between the noise and QRS peak medians.</summary>
    public double ThresholdFraction { get; init; } = 0.25;

    /// <summary>Search back when no beat came for this multiple of the mean RR interval.</summary>
    public double SearchBackFactor { get; init; } = 1.5;

    /// <summary>A peak within this time of the last beat with under half its slope is a T wave (seconds).</summary>
    public double TWaveWindowSeconds { get; init; } = 0.36;

    /// <summary>Slope ratio below which an early peak is a T wave.</summary>
    public double TWaveSlopeRatio { get; init; } = 0.5;

    /// <summary>Fraction of the threshold a peak must exceed to be taken in search-back.</summary>
    public double SearchBackFraction { get; init; } = 0.35;

    /// <summary>Refractory period (seconds).</summary>
    public double RefractorySeconds { get; init; } = 0.2;

    /// <summary>Band-pass edges (Hz).</summary>
    public double LowCutHz { get; init; } = 5;

    /// <summary>Band-pass edges (Hz).</summary>
    public double HighCutHz { get; init; } = 15;

}

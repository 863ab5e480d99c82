namespace SensorChain.Clinical.Ecg;

/// <summary>Signal-quality index of an ECG window.</summary>
/// <param name="Index">0 (unusable) … 1 (clean).</param>
/// <param name="Verdict">What the window is.</param>
/// <param name="FlatFraction">Fraction of samples equal to their predecessor.</param>
/// <param name="HighFrequencyRatio">Share of first-difference energy above the QRS band.</param>
public readonly record struct EcgQuality(double Index, EcgQualityVerdict Verdict, double FlatFraction, double HighFrequencyRatio);

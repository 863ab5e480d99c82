namespace SensorChain.Clinical.Ecg;

/// <summary>The result of analysing one ECG window.</summary>
/// <param name="Rhythm">Rhythm class (or LeadOff / Noise).</param>
/// <param name="HeartRateBpm">Median-RR heart rate; NaN when unknown.</param>
/// <param name="Beats">R-peak sample indices within the window.</param>
/// <param name="RrSeconds">RR intervals in seconds.</param>
/// <param name="Quality">Signal-quality assessment.</param>
public sealed record EcgAnalysis(EcgRhythm Rhythm, double HeartRateBpm, int[] Beats, double[] RrSeconds, EcgQuality Quality);

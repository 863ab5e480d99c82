namespace SensorChain.Clinical.Ecg;

/// <summary>What <see cref="QrsDetector.Analyze"/> found in a signal.</summary>
/// <param name="Beats">R-peak sample indices, increasing.</param>
/// <param name="VentricularFlutter">Ventricular flutter/fibrillation episodes (inclusive sample ranges), where no beats are reported.</param>
public sealed record QrsDetection(int[] Beats, IReadOnlyList<(int Start, int End)> VentricularFlutter);

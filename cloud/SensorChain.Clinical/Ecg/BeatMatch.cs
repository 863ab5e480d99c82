namespace SensorChain.Clinical.Ecg;

/// <summary>Beat-by-beat comparison counts (ANSI/AAMI EC57 style).</summary>
/// <param name="TruePositives">Detections matched to a reference beat.</param>
/// <param name="FalsePositives">Detections without a reference beat.</param>
/// <param name="FalseNegatives">Reference beats without a detection.</param>
public readonly record struct BeatMatch(int TruePositives, int FalsePositives, int FalseNegatives)
{
    /// <summary>Sensitivity TP / (TP + FN).</summary>
    public double Sensitivity => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

    /// <summary>Positive predictivity TP / (TP + FP).</summary>
    public double PositivePredictivity => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>Summed counts (gross statistics).</summary>
    public static BeatMatch operator +(BeatMatch a, BeatMatch b) =>
        new(a.TruePositives + b.TruePositives, a.FalsePositives + b.FalsePositives, a.FalseNegatives + b.FalseNegatives);

    /// <summary>Summed counts (gross statistics).</summary>
    public static BeatMatch Add(BeatMatch a, BeatMatch b) => a + b;
}

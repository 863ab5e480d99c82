namespace SensorChain.Clinical.Anomalies;

/// <summary>The larger of the robust (median/MAD) and spectral-residual scores: outliers against the patient's level and sudden changes of shape both count.</summary>
public sealed class CombinedAnomalyDetector : IAnomalyScorer
{
    private readonly RobustAnomalyDetector _robust = new();
    private readonly SpectralResidualDetector _spectral = new();

    /// <inheritdoc />
    public double Update(double value) => Math.Max(_robust.Update(value), _spectral.Update(value));

    /// <summary>A new scorer for <paramref name="method"/>.</summary>
    public static IAnomalyScorer Create(AnomalyMethod method) => method switch
    {
        AnomalyMethod.Robust => new RobustAnomalyDetector(),
        AnomalyMethod.Spectral => new SpectralResidualDetector(),
        AnomalyMethod.Combined => new CombinedAnomalyDetector(),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown anomaly method."),
    };
}

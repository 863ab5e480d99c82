namespace SensorChain.Clinical.Anomalies;

/// <summary>Which anomaly score to compute.</summary>
public enum AnomalyMethod
{
    /// <summary>Robust z-score against the median/MAD of the recent values (<see cref="RobustAnomalyDetector"/>).</summary>
    Robust,
    /// <summary>Spectral residual saliency (<see cref="SpectralResidualDetector"/>).</summary>
    Spectral,
    /// <summary>The larger of both.</summary>
    Combined,
}

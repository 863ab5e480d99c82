namespace SensorChain.Clinical.Ecg;

/// <summary>Signal-quality verdict of an ECG window.</summary>
public enum EcgQualityVerdict
{
    /// <summary>Usable for rhythm analysis.</summary>
    Good,
    /// <summary>Electrodes off: flat or railed trace, or the device's lead-off flag.</summary>
    LeadOff,
    /// <summary>Dominated by noise (high-frequency or clipping).</summary>
    Noise,
}

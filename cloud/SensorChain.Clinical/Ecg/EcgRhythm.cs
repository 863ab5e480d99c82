namespace SensorChain.Clinical.Ecg;

/// <summary>What an ECG window shows.</summary>
public enum EcgRhythm
{
    /// <summary>Too little signal to say.</summary>
    Unknown,
    /// <summary>Regular rhythm at 50–100/min.</summary>
    Regular,
    /// <summary>Median rate above 100/min.</summary>
    Tachycardia,
    /// <summary>Median rate below 50/min.</summary>
    Bradycardia,
    /// <summary>Irregularly irregular RR intervals.</summary>
    AtrialFibrillation,
    /// <summary>An RR interval (or trailing gap) of 3–6 s.</summary>
    Pause,
    /// <summary>No beat for 6 s or more on a good-quality trace.</summary>
    Asystole,
    /// <summary>Ventricular flutter or fibrillation for at least 5 s: a continuous oscillation without discrete QRS complexes.</summary>
    VentricularFlutter,
    /// <summary>Electrodes off: not a rhythm.</summary>
    LeadOff,
    /// <summary>Too noisy to analyse: not a rhythm.</summary>
    Noise,
}

namespace SensorChain.FirmwareSim;

/// <summary>The heart rhythm the model produces.</summary>
public enum CardiacRhythm
{
    /// <summary>Sinus rhythm: P wave before every QRS, RR varying smoothly (respiratory sinus arrhythmia, Mayer waves).</summary>
    Sinus = 0,
    /// <summary>Atrial fibrillation: no P waves, fibrillatory baseline, irregularly irregular RR intervals.</summary>
    AtrialFibrillation = 1,
}

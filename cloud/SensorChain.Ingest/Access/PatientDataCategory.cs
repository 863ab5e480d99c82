namespace SensorChain.Ingest.Access;

/// <summary>The kinds of patient data a patient grants access to, one by one (FHIR Consent provision classes).</summary>
public enum PatientDataCategory
{
    /// <summary>Heart rate, SpO2, temperature, respiration, blood pressure, NEWS2 and the alerts derived from them.</summary>
    Vitals,

    /// <summary>ECG, PPG and other waveforms.</summary>
    Waveforms,

    /// <summary>Position, motion, falls and location (accelerometer).</summary>
    Location,

    /// <summary>Blood glucose.</summary>
    Glucose,
}

namespace SensorChain.Web.Consent;

/// <summary>The kinds of data a patient grants access to, one by one.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<DataCategory>))]
public enum DataCategory
{
    /// <summary>Heart rate, SpO2, temperature, respiration, blood pressure (and NEWS2, alerts).</summary>
    Vitals,
    /// <summary>ECG, PPG and other waveforms.</summary>
    Waveforms,
    /// <summary>Position, motion and location (accelerometer).</summary>
    Location,
    /// <summary>Blood glucose.</summary>
    Glucose,
    /// <summary>Use of de-identified data for research (a purpose, not a viewer grant).</summary>
    Research,
}

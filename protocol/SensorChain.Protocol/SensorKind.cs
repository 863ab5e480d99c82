namespace SensorChain.Protocol;

/// <summary>What a channel measures. The numeric values are part of wire format v1: never renumber.</summary>
public enum SensorKind : byte
{
    /// <summary>Pulse / heart rate, beats per minute (UCUM <c>/min</c>).</summary>
    HeartRate = 1,
    /// <summary>Peripheral oxygen saturation (UCUM <c>%</c>).</summary>
    SpO2 = 2,
    /// <summary>Single-lead ECG waveform in millivolts (UCUM <c>mV</c>).</summary>
    Ecg = 3,
    /// <summary>Photoplethysmogram (infrared) waveform, dimensionless (UCUM <c>1</c>).</summary>
    Ppg = 4,
    /// <summary>Body temperature (UCUM <c>Cel</c>).</summary>
    BodyTemperature = 5,
    /// <summary>Blood glucose (UCUM <c>mg/dL</c>).</summary>
    Glucose = 6,
    /// <summary>Galvanic skin response: skin conductance in microsiemens (UCUM <c>uS</c>).</summary>
    Gsr = 7,
    /// <summary>Systolic blood pressure (UCUM <c>mm[Hg]</c>).</summary>
    BloodPressureSystolic = 8,
    /// <summary>Diastolic blood pressure (UCUM <c>mm[Hg]</c>).</summary>
    BloodPressureDiastolic = 9,
    /// <summary>Mean arterial pressure (UCUM <c>mm[Hg]</c>).</summary>
    BloodPressureMean = 10,
    /// <summary>Accelerometer X axis in standard gravity (UCUM <c>[g]</c>).</summary>
    AccelX = 11,
    /// <summary>Accelerometer Y axis in standard gravity (UCUM <c>[g]</c>).</summary>
    AccelY = 12,
    /// <summary>Accelerometer Z axis in standard gravity (UCUM <c>[g]</c>).</summary>
    AccelZ = 13,
    /// <summary>Surface EMG waveform in millivolts (UCUM <c>mV</c>).</summary>
    Emg = 14,
    /// <summary>Respiration rate, breaths per minute (UCUM <c>/min</c>), derived where it can be.</summary>
    RespirationRate = 15,
}

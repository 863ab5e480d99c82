namespace SensorChain.FirmwareSim;

/// <summary>
/// The model's ground truth at one instant: what a perfect sensor would report. Accuracy tests compare drivers and
/// detectors against it. Rates are the slow trend (beat-to-beat variability excluded).
/// </summary>
/// <param name="UnixMs">The instant.</param>
/// <param name="HeartRate">Mean heart rate, beats per minute.</param>
/// <param name="SpO2">Arterial oxygen saturation, percent.</param>
/// <param name="TemperatureCelsius">Body temperature, °C.</param>
/// <param name="Systolic">Systolic blood pressure, mmHg.</param>
/// <param name="Diastolic">Diastolic blood pressure, mmHg.</param>
/// <param name="MeanArterial">Mean arterial pressure, mmHg (diastolic + one third of the pulse pressure).</param>
/// <param name="GlucoseMgDl">Blood glucose, mg/dL.</param>
/// <param name="RespirationRate">Breaths per minute.</param>
/// <param name="Posture">Body position.</param>
/// <param name="Falling">True during the free-fall phase of a fall.</param>
/// <param name="Impact">True during the impact of a fall.</param>
/// <param name="Rhythm">Heart rhythm.</param>
/// <param name="EcgLeadsAttached">False while the ECG electrodes are off the skin.</param>
/// <param name="PpgAttached">False while the finger is off the pulse oximeter.</param>
/// <param name="Activity">Movement intensity 0 (still) … 1 (vigorous); drives EMG bursts and motion artefacts.</param>
public readonly record struct VitalTruth(
    long UnixMs,
    double HeartRate,
    double SpO2,
    double TemperatureCelsius,
    double Systolic,
    double Diastolic,
    double MeanArterial,
    double GlucoseMgDl,
    double RespirationRate,
    Posture Posture,
    bool Falling,
    bool Impact,
    CardiacRhythm Rhythm,
    bool EcgLeadsAttached,
    bool PpgAttached,
    double Activity);

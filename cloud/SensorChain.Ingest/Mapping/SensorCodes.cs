using SensorChain.Fhir;
using SensorChain.Protocol;

namespace SensorChain.Ingest.Mapping;

/// <summary>
/// The coding table (see README.md for the reasons): LOINC vital signs where the R4 vital-signs profiles apply,
/// LOINC glucose as a laboratory result, MDC waveform codes, SensorChain codes for accelerometry, EMG and GSR.
/// </summary>
public static class SensorCodes
{
    /// <summary>Heart rate: LOINC 8867-4, /min.</summary>
    public static readonly SensorCode HeartRate = Vital("hr", "8867-4", "Heart rate", "beats/minute");

    /// <summary>SpO2: LOINC 2708-6 and 59408-5, %.</summary>
    public static readonly SensorCode SpO2 = new("spo2",
        [new Coding(FhirSystems.Loinc, "2708-6", "Oxygen saturation in Arterial blood"),
         new Coding(FhirSystems.Loinc, "59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry")],
        "vital-signs", "Oxygen saturation", "%");

    /// <summary>Body temperature: LOINC 8310-5, Cel.</summary>
    public static readonly SensorCode BodyTemperature = Vital("temp", "8310-5", "Body temperature", "C");

    /// <summary>Blood pressure panel: LOINC 85354-9 with components.</summary>
    public static readonly SensorCode BloodPressure = Vital("bp", "85354-9", "Blood pressure panel with all children optional", "mmHg");

    /// <summary>Systolic component: LOINC 8480-6.</summary>
    public static readonly Coding Systolic = new(FhirSystems.Loinc, "8480-6", "Systolic blood pressure");

    /// <summary>Diastolic component: LOINC 8462-4.</summary>
    public static readonly Coding Diastolic = new(FhirSystems.Loinc, "8462-4", "Diastolic blood pressure");

    /// <summary>Mean arterial pressure component: LOINC 8478-0.</summary>
    public static readonly Coding MeanArterial = new(FhirSystems.Loinc, "8478-0", "Mean blood pressure");

    /// <summary>Respiratory rate: LOINC 9279-1, /min.</summary>
    public static readonly SensorCode RespirationRate = Vital("rr", "9279-1", "Respiratory rate", "breaths/minute");

    /// <summary>Glucose: LOINC 2339-0 (mass/volume in blood), mg/dL, category laboratory (not a vital sign).</summary>
    public static readonly SensorCode Glucose = new("glu", [new Coding(FhirSystems.Loinc, "2339-0", "Glucose [Mass/volume] in Blood")], "laboratory", "Blood glucose", "mg/dL");

    /// <summary>ECG waveform: MDC 131328 (MDC_ECG_ELEC_POTL) and LOINC 11524-6 (EKG study).</summary>
    public static readonly SensorCode Ecg = new("ecg",
        [new Coding(FhirSystems.Mdc, "131328", "MDC_ECG_ELEC_POTL"), new Coding(FhirSystems.Loinc, "11524-6", "EKG study")],
        "procedure", "ECG waveform (single lead)", "mV");

    /// <summary>PPG waveform: MDC 150452 (MDC_PULS_OXIM_PLETH).</summary>
    public static readonly SensorCode Ppg = new("ppg", [new Coding(FhirSystems.Mdc, "150452", "MDC_PULS_OXIM_PLETH")], "procedure", "Photoplethysmogram (infrared)", "1");

    /// <summary>Surface EMG waveform (SensorChain code).</summary>
    public static readonly SensorCode Emg = new("emg", [new Coding(FhirSystems.SensorKind, "emg", "Surface electromyogram")], "procedure", "Surface EMG waveform", "mV");

    /// <summary>3-axis accelerometer (SensorChain code) with one SampledData component per axis.</summary>
    public static readonly SensorCode Accelerometer = new("acc", [new Coding(FhirSystems.SensorKind, "accelerometer", "3-axis acceleration")], "activity", "Acceleration (3 axes)", "[g]");

    /// <summary>Accelerometer axis components.</summary>
    public static readonly Coding AccelX = new(FhirSystems.SensorKind, "accel-x", "Acceleration X axis");

    /// <summary>Accelerometer Y axis.</summary>
    public static readonly Coding AccelY = new(FhirSystems.SensorKind, "accel-y", "Acceleration Y axis");

    /// <summary>Accelerometer Z axis.</summary>
    public static readonly Coding AccelZ = new(FhirSystems.SensorKind, "accel-z", "Acceleration Z axis");

    /// <summary>Galvanic skin response: skin conductance, uS (SensorChain code).</summary>
    public static readonly SensorCode Gsr = new("gsr", [new Coding(FhirSystems.SensorKind, "gsr", "Skin conductance (galvanic skin response)")], "procedure", "Skin conductance", "uS");

    /// <summary>Every Observation coding SensorChain creates, for <c>$lastn</c> and the CapabilityStatement.</summary>
    public static IReadOnlyList<SensorCode> All { get; } =
        [HeartRate, SpO2, BodyTemperature, BloodPressure, RespirationRate, Glucose, Ecg, Ppg, Emg, Accelerometer, Gsr];

    /// <summary>The Observation coding of a (non-BP, non-accelerometer) kind.</summary>
    public static SensorCode For(SensorKind kind) => kind switch
    {
        SensorKind.HeartRate => HeartRate,
        SensorKind.SpO2 => SpO2,
        SensorKind.Ecg => Ecg,
        SensorKind.Ppg => Ppg,
        SensorKind.BodyTemperature => BodyTemperature,
        SensorKind.Glucose => Glucose,
        SensorKind.Gsr => Gsr,
        SensorKind.BloodPressureSystolic or SensorKind.BloodPressureDiastolic or SensorKind.BloodPressureMean => BloodPressure,
        SensorKind.AccelX or SensorKind.AccelY or SensorKind.AccelZ => Accelerometer,
        SensorKind.Emg => Emg,
        SensorKind.RespirationRate => RespirationRate,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown sensor kind."),
    };

    private static SensorCode Vital(string slug, string loinc, string display, string unitText) =>
        new(slug, [new Coding(FhirSystems.Loinc, loinc, display)], "vital-signs", display, unitText);
}

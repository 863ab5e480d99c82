namespace SensorChain.Protocol;

/// <summary>
/// The fixed vocabulary of clinical condition ids: the simulator's scenarios declare them (what alerting must and
/// must not raise) and the cloud's detectors raise them. Ids are lower-case and stable: alarms, FHIR codes
/// (<c>urn:sensorchain:condition</c>) and the scenario suite match on them.
/// </summary>
public static class ClinicalCondition
{
    /// <summary>Sustained fast heart rate.</summary>
    public const string Tachycardia = "tachycardia";
    /// <summary>Sustained slow heart rate.</summary>
    public const string Bradycardia = "bradycardia";
    /// <summary>Irregularly irregular rhythm without P waves.</summary>
    public const string AtrialFibrillation = "atrial-fibrillation";
    /// <summary>Low SpO2.</summary>
    public const string Desaturation = "desaturation";
    /// <summary>High body temperature.</summary>
    public const string Fever = "fever";
    /// <summary>Low blood glucose.</summary>
    public const string Hypoglycemia = "hypoglycemia";
    /// <summary>High blood glucose.</summary>
    public const string Hyperglycemia = "hyperglycemia";
    /// <summary>Blood pressure at or above 180/120 mmHg.</summary>
    public const string HypertensiveCrisis = "hypertensive-crisis";
    /// <summary>Low blood pressure.</summary>
    public const string Hypotension = "hypotension";
    /// <summary>A fall: free fall, impact, then lying still.</summary>
    public const string Fall = "fall";
    /// <summary>A sensor came off the body (ECG lead-off, finger off the oximeter).</summary>
    public const string SensorDetached = "sensor-detached";
    /// <summary>NEWS2 urgent response (aggregate 5–6 or a single parameter scoring 3).</summary>
    public const string News2Urgent = "news2-urgent";
    /// <summary>NEWS2 emergency response (aggregate 7 or more).</summary>
    public const string News2Emergency = "news2-emergency";
    /// <summary>No QRS complex for 6 s or more on a good-quality ECG.</summary>
    public const string Asystole = "asystole";
    /// <summary>An RR interval of 3–6 s.</summary>
    public const string Pause = "pause";
    /// <summary>Ventricular flutter or fibrillation: a continuous oscillation without discrete QRS complexes.</summary>
    public const string VentricularFibrillation = "ventricular-fibrillation";

    /// <summary>Every condition id, in a fixed order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Tachycardia, Bradycardia, AtrialFibrillation, Desaturation, Fever, Hypoglycemia, Hyperglycemia,
        HypertensiveCrisis, Hypotension, Fall, SensorDetached, News2Urgent, News2Emergency, Asystole, Pause,
        VentricularFibrillation,
    ];

    /// <summary>True when <paramref name="id"/> is one of <see cref="All"/> (exact, lower-case).</summary>
    public static bool IsKnown(string id) => All.Contains(id, StringComparer.Ordinal);
}

using SensorChain.Fhir;
using SensorChain.Ingest.Access;

namespace SensorChain.Ingest.Mapping;

/// <summary>
/// The one mapping from Observation codes to the consent category a patient grants (<see cref="PatientDataCategory"/>):
/// glucose → Glucose, ECG/PPG/EMG waveforms → Waveforms, accelerometry → Location, everything else (heart rate, SpO2,
/// temperature, blood pressure, respiration, skin conductance, scores, alerts) → Vitals.
/// </summary>
public static class SensorDataCategories
{
    /// <summary>The category of a SensorChain code.</summary>
    public static PatientDataCategory For(SensorCode code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Slug switch
        {
            "glu" => PatientDataCategory.Glucose,
            "ecg" or "ppg" or "emg" => PatientDataCategory.Waveforms,
            "acc" => PatientDataCategory.Location,
            _ => PatientDataCategory.Vitals,
        };
    }

    /// <summary>The category of an Observation by any of its codings (Vitals when none is a SensorChain code).</summary>
    public static PatientDataCategory For(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        return FindCode(observation.Code) is { } code ? For(code) : PatientDataCategory.Vitals;
    }

    /// <summary>The category of a search token (<c>system|code</c> or a bare code), or null when it is not a SensorChain code.</summary>
    public static PatientDataCategory? ForToken(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var bar = token.IndexOf('|', StringComparison.Ordinal);
        var system = bar < 0 ? null : token[..bar];
        var value = bar < 0 ? token : token[(bar + 1)..];
        foreach (var code in SensorCodes.All)
        {
            if (code.Codings.Any(c => c.Code == value && (system is null || system.Length == 0 || c.System == system)))
            {
                return For(code);
            }
        }

        return null;
    }

    private static SensorCode? FindCode(CodeableConcept concept)
    {
        foreach (var coding in concept.Coding ?? [])
        {
            foreach (var code in SensorCodes.All)
            {
                if (code.Codings.Any(c => c.System == coding.System && c.Code == coding.Code))
                {
                    return code;
                }
            }
        }

        return null;
    }
}

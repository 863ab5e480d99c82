using SensorChain.Ingest.Access;
using SensorChain.Protocol;

namespace SensorChain.Clinical.Notifications;

/// <summary>Which consent category an alarm's condition reveals (what the notification discloses).</summary>
public static class ConditionCategory
{
    /// <summary>The category of <paramref name="condition"/>.</summary>
    public static PatientDataCategory Of(string condition) => condition switch
    {
        ClinicalCondition.Fall => PatientDataCategory.Location,
        ClinicalCondition.Hypoglycemia or ClinicalCondition.Hyperglycemia => PatientDataCategory.Glucose,
        ClinicalCondition.AtrialFibrillation or ClinicalCondition.Asystole or ClinicalCondition.Pause
            or ClinicalCondition.VentricularFibrillation => PatientDataCategory.Waveforms,
        _ => PatientDataCategory.Vitals,
    };
}

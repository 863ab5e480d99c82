using SensorChain.Ingest.Access;
using SensorChain.Web.Consent;

namespace SensorChain.Web.Access;

/// <summary>
/// Maps the ingest seam's <see cref="PatientDataCategory"/> (what a viewer sees) to the web's <see cref="DataCategory"/>
/// (what a patient grants). They share the viewer categories by name and value; <see cref="DataCategory.Research"/> is a
/// purpose only the web knows and never maps to a viewer category.
/// </summary>
public static class DataCategories
{
    /// <summary>The web category for a seam category.</summary>
    public static DataCategory From(PatientDataCategory category) => category switch
    {
        PatientDataCategory.Vitals => DataCategory.Vitals,
        PatientDataCategory.Waveforms => DataCategory.Waveforms,
        PatientDataCategory.Location => DataCategory.Location,
        PatientDataCategory.Glucose => DataCategory.Glucose,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown patient data category."),
    };

    /// <summary>The seam category for a viewer category, or null for <see cref="DataCategory.Research"/>.</summary>
    public static PatientDataCategory? ToPatientData(DataCategory category) => category switch
    {
        DataCategory.Vitals => PatientDataCategory.Vitals,
        DataCategory.Waveforms => PatientDataCategory.Waveforms,
        DataCategory.Location => PatientDataCategory.Location,
        DataCategory.Glucose => PatientDataCategory.Glucose,
        _ => null,
    };
}

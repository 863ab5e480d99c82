using System.Text.Json;
using SensorChain.Web.Storage;

namespace SensorChain.Web.Consent;

/// <summary>Patient profiles in web.db.</summary>
public sealed class PatientProfileStore(WebDatabase database)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Creates or replaces a profile.</summary>
    public void Save(PatientProfile profile)
    {
        var unknown = profile.PrivateFields.Except(PatientProfile.FieldNames).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown private field(s): {string.Join(", ", unknown)}; known: {string.Join(", ", PatientProfile.FieldNames)}.", nameof(profile));
        }

        database.Execute("INSERT INTO profiles(patient_id, json) VALUES($p,$j) ON CONFLICT(patient_id) DO UPDATE SET json=$j",
            ("$p", profile.PatientId), ("$j", JsonSerializer.Serialize(profile, Json)));
    }

    /// <summary>A profile, or null.</summary>
    public PatientProfile? Find(string patientId) =>
        database.Query("SELECT json FROM profiles WHERE patient_id=$p", r => JsonSerializer.Deserialize<PatientProfile>(r.GetString(0), Json)!, ("$p", patientId)).FirstOrDefault();

    /// <summary>All profiles.</summary>
    public IReadOnlyList<PatientProfile> List() =>
        database.Query("SELECT json FROM profiles ORDER BY patient_id", r => JsonSerializer.Deserialize<PatientProfile>(r.GetString(0), Json)!);
}

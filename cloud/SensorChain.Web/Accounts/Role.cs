namespace SensorChain.Web.Accounts;

/// <summary>What a user is in the system; decides which screens and APIs they reach (consent still decides which patients).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<Role>))]
public enum Role
{
    /// <summary>Owns their data; grants and revokes access, sees who looked.</summary>
    Patient,
    /// <summary>Family member or carer; sees what the patient granted to them.</summary>
    Caregiver,
    /// <summary>Clinician; sees what the patient granted to them or to their organization; acts on alerts.</summary>
    Doctor,
    /// <summary>Manages an organization's users; no access to patient data.</summary>
    OrganizationAdmin,
    /// <summary>Receives de-identified exports only.</summary>
    Researcher,
}

namespace SensorChain.Ingest.Access;

/// <summary>One access to one patient's data, to decide and audit.</summary>
/// <param name="PrincipalId">The user or client id (never a name or other PHI).</param>
/// <param name="PatientId">The FHIR Patient id whose data is touched.</param>
/// <param name="Category">Which category of data.</param>
/// <param name="Action">What is done with it.</param>
/// <param name="What">A short description for the audit trail (resource type and id, operation), without PHI.</param>
public sealed record PatientDataAccessRequest(
    string PrincipalId,
    string PatientId,
    PatientDataCategory Category,
    PatientDataAction Action,
    string What);

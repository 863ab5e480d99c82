namespace SensorChain.Ingest.Access;

/// <summary>
/// The one consent check for every path that hands patient data to a person: FHIR REST reads and searches,
/// subscriptions, live streams and alert notifications. The implementation decides from role, scopes and the
/// patient's consent, and records an AuditEvent for every decision (allowed or denied). A revocation takes effect
/// at the next call: callers must ask for every delivery, never cache an answer.
/// </summary>
public interface IPatientDataAccess
{
    /// <summary>Decides and audits one access.</summary>
    /// <param name="request">Who, whose data, which category, what action.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>True when allowed.</returns>
    ValueTask<bool> AuthorizeAsync(PatientDataAccessRequest request, CancellationToken cancellationToken);
}

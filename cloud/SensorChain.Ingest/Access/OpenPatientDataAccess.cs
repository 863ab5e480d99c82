namespace SensorChain.Ingest.Access;

/// <summary>
/// Allows everything and records nothing: the default when no consent service is composed (library use, unit
/// tests). The cloud host replaces it with the web app's consent and audit service.
/// </summary>
public sealed class OpenPatientDataAccess : IPatientDataAccess
{
    /// <inheritdoc />
    public ValueTask<bool> AuthorizeAsync(PatientDataAccessRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ValueTask.FromResult(true);
    }
}

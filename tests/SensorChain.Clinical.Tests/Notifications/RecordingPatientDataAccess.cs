using System.Collections.Concurrent;
using SensorChain.Ingest.Access;

namespace SensorChain.Clinical.Tests.Notifications;

/// <summary>A consent service for tests: allows unless the principal's consent for the patient was revoked; records every request.</summary>
internal sealed class RecordingPatientDataAccess : IPatientDataAccess
{
    private readonly ConcurrentDictionary<(string Principal, string Patient), bool> _revoked = new();

    public ConcurrentQueue<PatientDataAccessRequest> Requests { get; } = new();

    public void Revoke(string principal, string patient) => _revoked[(principal, patient)] = true;

    public ValueTask<bool> AuthorizeAsync(PatientDataAccessRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return ValueTask.FromResult(!_revoked.ContainsKey((request.PrincipalId, request.PatientId)));
    }
}

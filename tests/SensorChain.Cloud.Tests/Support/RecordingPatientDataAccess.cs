using System.Collections.Concurrent;
using SensorChain.Ingest.Access;

namespace SensorChain.Cloud.Tests.Support;

/// <summary>
/// A consent decision point for tests of the callers of <see cref="IPatientDataAccess"/>: records every request and
/// denies the (patient, category) pairs in <see cref="Denied"/> (a whole patient when the category is null).
/// The real implementation (consent and audit) belongs to the web app.
/// </summary>
public sealed class RecordingPatientDataAccess : IPatientDataAccess
{
    public ConcurrentQueue<PatientDataAccessRequest> Requests { get; } = new();

    public ConcurrentDictionary<(string Patient, PatientDataCategory? Category), bool> Denied { get; } = new();

    public ValueTask<bool> AuthorizeAsync(PatientDataAccessRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Requests.Enqueue(request);
        var denied = Denied.ContainsKey((request.PatientId, null)) || Denied.ContainsKey((request.PatientId, request.Category));
        return ValueTask.FromResult(!denied);
    }
}

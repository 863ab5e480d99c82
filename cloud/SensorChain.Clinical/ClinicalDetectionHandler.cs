using System.Collections.Concurrent;
using SensorChain.Clinical.Alarms;
using SensorChain.Clinical.Detection;
using SensorChain.Ingest.Pipeline;

namespace SensorChain.Clinical;

/// <summary>
/// Runs the patient's detectors on every accepted batch and feeds the alarm system. Detector state is per patient;
/// batches of one patient are processed one at a time (the pipeline delivers them in sequence order).
/// </summary>
public sealed class ClinicalDetectionHandler(AlarmManager alarms, Func<string, PatientDetectorOptions>? optionsFor = null) : IAcceptedBatchHandler
{
    private readonly ConcurrentDictionary<string, PatientDetector> _patients = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public string Name => "clinical";

    /// <inheritdoc />
    public ValueTask HandleAsync(AcceptedBatch batch, CancellationToken cancellationToken)
    {
        var b = batch.Batch;
        Handle(batch.PatientId, b.StartUnixMs, b.DurationMs, b.Channels);
        return ValueTask.CompletedTask;
    }

    /// <summary>Processes one window of a patient's channels (also used directly by the scenario suite and bench).</summary>
    public IReadOnlyList<AlarmChange> Handle(string patientId, long startUnixMs, uint durationMs, IReadOnlyList<Protocol.ChannelBlock> channels)
    {
        var detector = _patients.GetOrAdd(patientId, id => new PatientDetector(id, optionsFor?.Invoke(id)));
        IReadOnlyList<ConditionEvent> events;
        lock (detector)
        {
            events = detector.Process(startUnixMs, durationMs, channels);
        }

        var changes = new List<AlarmChange>();
        foreach (var e in events)
        {
            if (alarms.Report(e) is { } change)
            {
                changes.Add(change);
            }
        }

        return changes;
    }
}

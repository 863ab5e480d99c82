namespace SensorChain.Clinical.Alarms;

/// <summary>Keeps the history in memory only (unit tests, library use without a data directory).</summary>
public sealed class InMemoryAlarmHistoryStore : IAlarmHistoryStore
{
    private readonly Lock _gate = new();
    private readonly List<AlarmChange> _changes = [];
    private readonly Dictionary<Guid, Alarm> _alarms = [];

    /// <inheritdoc />
    public void Append(AlarmChange change, Alarm alarm)
    {
        lock (_gate)
        {
            _changes.Add(change);
            _alarms[alarm.Id] = alarm;
        }
    }

    /// <inheritdoc />
    public AlarmHistory Load()
    {
        lock (_gate)
        {
            return new AlarmHistory([.. _changes], [.. _alarms.Values]);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<AlarmChange> ForPatient(string patientId, int limit = 500)
    {
        lock (_gate)
        {
            return [.. _changes.Where(c => c.PatientId == patientId).TakeLast(limit)];
        }
    }
}

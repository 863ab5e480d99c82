using SensorChain.Clinical.Detection;

namespace SensorChain.Clinical.Alarms;

/// <summary>
/// The alarm lifecycle: exactly one open alarm per patient and condition (events for the same pair are serialised
/// under one lock, however close together they arrive); severity only rises while open; acknowledge, clear, escalate
/// along the roster when not acknowledged in time, reminders for acknowledged alarms; every change is recorded and
/// published to the <see cref="AlarmFeed"/>. Time comes only from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class AlarmManager
{
    private readonly TimeProvider time;
    private readonly AlarmFeed feed;
    private readonly IAlarmHistoryStore _store;
    private readonly AlarmOptions _options;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Patient, string Condition), Guid> _open = [];
    private readonly Dictionary<Guid, Alarm> _alarms = [];
    private readonly List<AlarmChange> _history = [];
    private long _sequence;

    /// <summary>Creates the manager and restores open alarms and history from <paramref name="store"/>.</summary>
    /// <param name="time">Clock.</param>
    /// <param name="feed">Live feed every change is published to.</param>
    /// <param name="options">Escalation policy.</param>
    /// <param name="store">Durable history; default in memory only.</param>
    public AlarmManager(TimeProvider time, AlarmFeed feed, AlarmOptions? options = null, IAlarmHistoryStore? store = null)
    {
        this.time = time;
        this.feed = feed;
        _options = options ?? new AlarmOptions();
        _store = store ?? new InMemoryAlarmHistoryStore();
        var history = _store.Load();
        _history.AddRange(history.Changes);
        _sequence = history.Changes.Count == 0 ? 0 : history.Changes.Max(c => c.Sequence);
        foreach (var alarm in history.Alarms)
        {
            _alarms[alarm.Id] = alarm;
            if (alarm.State != AlarmState.Cleared)
            {
                _open[(alarm.PatientId, alarm.Condition)] = alarm.Id;
            }
        }
    }

    /// <summary>The durable history behind this manager.</summary>
    public IAlarmHistoryStore Store => _store;

    /// <summary>The live feed.</summary>
    public AlarmFeed Feed => feed;

    /// <summary>Applies a detector event; returns the change it caused, or null (e.g. repeated evidence).</summary>
    public AlarmChange? Report(ConditionEvent e)
    {
        lock (_gate)
        {
            var key = (e.PatientId, e.Condition);
            var now = time.GetUtcNow();
            if (_open.TryGetValue(key, out var id))
            {
                var alarm = _alarms[id];
                if (!e.Present)
                {
                    var cleared = Record(alarm with { State = AlarmState.Cleared, LastEvidenceAt = e.At }, AlarmChangeKind.Cleared, "system", now, e.At, "resolved: " + e.Detail);
                    _open.Remove(key);
                    return cleared;
                }

                if (e.Severity > alarm.Severity)
                {
                    return Record(alarm with { Severity = e.Severity, LastEvidenceAt = e.At, Detail = e.Detail, LastNotifiedAt = now }, AlarmChangeKind.SeverityRaised, "system", now, e.At, e.Detail);
                }

                _alarms[id] = alarm with { LastEvidenceAt = e.At };
                return null;
            }

            if (!e.Present)
            {
                return null;
            }

            var created = new Alarm(Guid.NewGuid(), e.PatientId, e.Condition, e.Severity, AlarmState.Active, now, e.At, e.Detail, 0, Roster(0), null, now);
            var raised = Record(created, AlarmChangeKind.Raised, "system", now, e.At, e.Detail);
            _open[key] = created.Id;
            return raised;
        }
    }

    /// <summary>A clinician acknowledges an alarm.</summary>
    /// <exception cref="KeyNotFoundException">Unknown alarm.</exception>
    /// <exception cref="InvalidOperationException">The alarm is already cleared.</exception>
    public AlarmChange Acknowledge(Guid alarmId, string clinician)
    {
        lock (_gate)
        {
            var alarm = Get(alarmId);
            if (alarm.State == AlarmState.Cleared)
            {
                throw new InvalidOperationException($"Alarm {alarmId} is already cleared.");
            }

            var now = time.GetUtcNow();
            return Record(alarm with { State = AlarmState.Acknowledged, AcknowledgedBy = clinician, AssignedTo = clinician, LastNotifiedAt = now }, AlarmChangeKind.Acknowledged, clinician, now, alarm.LastEvidenceAt, alarm.Detail);
        }
    }

    /// <summary>A clinician clears an alarm (a new event for the condition will raise a new alarm).</summary>
    public AlarmChange Clear(Guid alarmId, string clinician)
    {
        lock (_gate)
        {
            var alarm = Get(alarmId);
            if (alarm.State == AlarmState.Cleared)
            {
                throw new InvalidOperationException($"Alarm {alarmId} is already cleared.");
            }

            var cleared = Record(alarm with { State = AlarmState.Cleared }, AlarmChangeKind.Cleared, clinician, time.GetUtcNow(), alarm.LastEvidenceAt, alarm.Detail);
            _open.Remove((alarm.PatientId, alarm.Condition));
            return cleared;
        }
    }

    /// <summary>A clinician hands an alarm on to the next clinician on the roster now, without waiting for the timeout.</summary>
    /// <exception cref="KeyNotFoundException">Unknown alarm.</exception>
    /// <exception cref="InvalidOperationException">The alarm is already cleared.</exception>
    public AlarmChange Escalate(Guid alarmId, string clinician)
    {
        lock (_gate)
        {
            var alarm = Get(alarmId);
            if (alarm.State == AlarmState.Cleared)
            {
                throw new InvalidOperationException($"Alarm {alarmId} is already cleared.");
            }

            var now = time.GetUtcNow();
            var next = Math.Min(alarm.RosterIndex + 1, Math.Max(_options.Roster.Count - 1, 0));
            return Record(alarm with { State = AlarmState.Active, RosterIndex = next, AssignedTo = Roster(next), AcknowledgedBy = null, LastNotifiedAt = now }, AlarmChangeKind.Escalated, clinician, now, alarm.LastEvidenceAt, alarm.Detail);
        }
    }

    /// <summary>Escalates overdue unacknowledged alarms and sends due reminders; call periodically.</summary>
    public IReadOnlyList<AlarmChange> Tick()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var changes = new List<AlarmChange>();
            foreach (var id in _open.Values.ToList())
            {
                var alarm = _alarms[id];
                if (alarm.State == AlarmState.Active && now - alarm.LastNotifiedAt >= _options.AcknowledgeTimeout)
                {
                    var next = Math.Min(alarm.RosterIndex + 1, _options.Roster.Count - 1);
                    changes.Add(Record(alarm with { RosterIndex = next, AssignedTo = Roster(next), LastNotifiedAt = now }, AlarmChangeKind.Escalated, "system", now, alarm.LastEvidenceAt, alarm.Detail));
                }
                else if (alarm.State == AlarmState.Acknowledged && now - alarm.LastNotifiedAt >= _options.ReminderInterval)
                {
                    changes.Add(Record(alarm with { LastNotifiedAt = now }, AlarmChangeKind.Reminder, "system", now, alarm.LastEvidenceAt, alarm.Detail));
                }
            }

            return changes;
        }
    }

    /// <summary>Open (active or acknowledged) alarms.</summary>
    public IReadOnlyList<Alarm> OpenAlarms()
    {
        lock (_gate)
        {
            return [.. _open.Values.Select(id => _alarms[id])];
        }
    }

    /// <summary>An alarm by id, or null.</summary>
    public Alarm? Find(Guid alarmId)
    {
        lock (_gate)
        {
            return _alarms.GetValueOrDefault(alarmId);
        }
    }

    /// <summary>Every recorded change, in order.</summary>
    public IReadOnlyList<AlarmChange> History()
    {
        lock (_gate)
        {
            return [.. _history];
        }
    }

    private Alarm Get(Guid id) => _alarms.TryGetValue(id, out var a) ? a : throw new KeyNotFoundException($"No alarm {id}.");

    private string? Roster(int index) => _options.Roster.Count == 0 ? null : _options.Roster[Math.Min(index, _options.Roster.Count - 1)];

    private AlarmChange Record(Alarm alarm, AlarmChangeKind kind, string actor, DateTimeOffset now, DateTimeOffset evidenceAt, string detail)
    {
        // Durable first: a change that cannot be recorded is not applied (the caller sees the exception).
        var change = new AlarmChange(_sequence + 1, alarm.Id, alarm.PatientId, alarm.Condition, kind, alarm.Severity, alarm.State, now, evidenceAt, alarm.AssignedTo, actor, detail);
        _store.Append(change, alarm);
        _sequence++;
        _alarms[alarm.Id] = alarm;
        _history.Add(change);
        feed.Publish(change);
        return change;
    }
}

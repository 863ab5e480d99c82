namespace SensorChain.Clinical.Alarms;

/// <summary>
/// Durable record of every alarm state change. <see cref="AlarmManager"/> appends each change (with the alarm as it is
/// after the change) before publishing it, and on start-up restores its open alarms and history from
/// <see cref="Load"/>, so a restart loses neither. Implementations must be safe to call under the manager's lock
/// (short, synchronous writes).
/// </summary>
public interface IAlarmHistoryStore
{
    /// <summary>Appends one change and the alarm's state after it.</summary>
    void Append(AlarmChange change, Alarm alarm);

    /// <summary>Every change recorded so far (in sequence order) and the latest state of every alarm.</summary>
    AlarmHistory Load();

    /// <summary>The changes of one patient's alarms, newest last (at most <paramref name="limit"/>).</summary>
    IReadOnlyList<AlarmChange> ForPatient(string patientId, int limit = 500);
}

namespace SensorChain.Clinical.Alarms;

/// <summary>What happened to an alarm.</summary>
public enum AlarmChangeKind
{
    /// <summary>New alarm.</summary>
    Raised,
    /// <summary>Its severity went up while active.</summary>
    SeverityRaised,
    /// <summary>A clinician acknowledged it.</summary>
    Acknowledged,
    /// <summary>Not acknowledged in time: handed to the next clinician on the roster.</summary>
    Escalated,
    /// <summary>Acknowledged but still present: reminder to the assignee.</summary>
    Reminder,
    /// <summary>Cleared (by a clinician, or resolved by the data).</summary>
    Cleared,
}

namespace SensorChain.Clinical.Alarms;

/// <summary>Lifecycle state of an alarm.</summary>
public enum AlarmState
{
    /// <summary>Raised and not yet acknowledged.</summary>
    Active,
    /// <summary>A clinician has taken it on.</summary>
    Acknowledged,
    /// <summary>Over: resolved by the data or cleared by a clinician.</summary>
    Cleared,
}

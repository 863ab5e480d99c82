namespace SensorChain.Clinical.Alarms;

/// <summary>Escalation and reminder policy.</summary>
public sealed record AlarmOptions
{
    /// <summary>Clinicians in escalation order (ids or e-mail addresses, no patient data).</summary>
    public IReadOnlyList<string> Roster { get; init; } = ["on-call"];

    /// <summary>An unacknowledged alarm goes to the next clinician after this.</summary>
    public TimeSpan AcknowledgeTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>An acknowledged but uncleared alarm is re-sent to its assignee at this interval.</summary>
    public TimeSpan ReminderInterval { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Folder for the alarm history database (<c>alarms.db</c>, SQLite). Null keeps the history in memory only
    /// (library use and unit tests); the cloud host sets it to its data directory.
    /// </summary>
    public string? DataDirectory { get; init; }
}

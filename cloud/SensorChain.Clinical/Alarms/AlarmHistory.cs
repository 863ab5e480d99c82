namespace SensorChain.Clinical.Alarms;

/// <summary>What an <see cref="IAlarmHistoryStore"/> holds.</summary>
/// <param name="Changes">Every change, in sequence order.</param>
/// <param name="Alarms">The latest state of every alarm.</param>
public sealed record AlarmHistory(IReadOnlyList<AlarmChange> Changes, IReadOnlyList<Alarm> Alarms)
{
    /// <summary>No history.</summary>
    public static AlarmHistory Empty { get; } = new([], []);
}

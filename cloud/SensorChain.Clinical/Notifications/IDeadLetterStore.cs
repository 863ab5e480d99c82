namespace SensorChain.Clinical.Notifications;

/// <summary>Where undeliverable notifications are kept, visible to operators (dashboard, CLI) and queryable.</summary>
public interface IDeadLetterStore
{
    /// <summary>Records a dead letter.</summary>
    ValueTask AddAsync(DeadLetter letter, CancellationToken cancellationToken);

    /// <summary>Dead letters, newest first, optionally only those for one alarm.</summary>
    ValueTask<IReadOnlyList<DeadLetter>> ListAsync(Guid? alarmId, int limit, CancellationToken cancellationToken);
}

namespace SensorChain.Clinical.Notifications;

/// <summary>Dead letters in memory (unit tests, library use without a data directory).</summary>
public sealed class InMemoryDeadLetterStore : IDeadLetterStore
{
    private readonly Lock _gate = new();
    private readonly List<DeadLetter> _letters = [];

    /// <inheritdoc />
    public ValueTask AddAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _letters.Add(letter);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<DeadLetter>> ListAsync(Guid? alarmId, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<DeadLetter> result = [.. _letters.Where(l => alarmId is null || l.AlarmId == alarmId).Reverse().Take(limit)];
            return ValueTask.FromResult(result);
        }
    }
}

namespace SensorChain.Edge.Gateway;

/// <summary>Gateway settings.</summary>
public sealed record GatewayOptions
{
    /// <summary>Length of one batch window (default 1 s).</summary>
    public TimeSpan BatchDuration { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Most batches published but not yet acknowledged.</summary>
    public int MaxInFlight { get; init; } = 16;

    /// <summary>First retry delay after a failed publish; doubles up to <see cref="RetryMax"/>, with jitter.</summary>
    public TimeSpan RetryInitial { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Longest retry delay.</summary>
    public TimeSpan RetryMax { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the publisher looks at the outbox when nothing signalled it.</summary>
    public TimeSpan IdlePoll { get; init; } = TimeSpan.FromMilliseconds(500);
}

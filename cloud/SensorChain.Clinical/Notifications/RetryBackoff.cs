namespace SensorChain.Clinical.Notifications;

/// <summary>
/// Exponential backoff with jitter: before attempt n (n ≥ 2) wait d/2 + U(0, d/2) where d = min(max, base · 2^(n−2)),
/// so retries spread out ("equal jitter") and never bunch up on a recovering receiver.
/// </summary>
public static class RetryBackoff
{
    /// <summary>The wait before attempt <paramref name="attempt"/> (2 = first retry).</summary>
    /// <param name="attempt">Attempt number, at least 2.</param>
    /// <param name="baseDelay">Wait scale before the first retry.</param>
    /// <param name="maxDelay">Upper bound.</param>
    /// <param name="unit">A uniform number in [0, 1) (the jitter).</param>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double unit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 2);
        var exponent = Math.Min(attempt - 2, 30);
        var d = Math.Min(maxDelay.Ticks, baseDelay.Ticks * Math.Pow(2, exponent));
        return TimeSpan.FromTicks((long)(d / 2 + Math.Clamp(unit, 0, 1) * d / 2));
    }
}

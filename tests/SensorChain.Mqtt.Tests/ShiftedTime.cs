namespace SensorChain.Mqtt.Tests;

/// <summary>The system clock shifted by a fixed offset: a gateway whose wall clock is wrong.</summary>
public sealed class ShiftedTime(TimeSpan offset) : TimeProvider
{
    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}

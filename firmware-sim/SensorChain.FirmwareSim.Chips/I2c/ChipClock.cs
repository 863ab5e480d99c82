namespace SensorChain.FirmwareSim.Chips.I2c;

/// <summary>Seconds since the emulated kit powered up, from an injected <see cref="TimeProvider"/>.</summary>
public sealed class ChipClock
{
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _start;

    /// <summary>Starts the clock now.</summary>
    public ChipClock(TimeProvider time)
    {
        _time = time;
        _start = time.GetUtcNow();
    }

    /// <summary>Power-up instant.</summary>
    public DateTimeOffset Start => _start;

    /// <summary>Seconds since power-up.</summary>
    public double Now => (_time.GetUtcNow() - _start).TotalSeconds;
}

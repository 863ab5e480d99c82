namespace SensorChain.Edge.Hardware.Kit;

/// <summary>One I2C bus: /dev/i2c-<see cref="Bus"/>, or a Unix socket to an emulated kit when <see cref="Socket"/> is set.</summary>
public sealed record KitBusConfig(int Bus, string? Socket = null);

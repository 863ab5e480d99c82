namespace SensorChain.Edge.Hardware.Kit;

/// <summary>One I2C chip: <see cref="Chip"/> is max30102, ads1115-ecg, ads1115-aux, tmp117 or adxl345.</summary>
/// <param name="Chip">Chip role.</param>
/// <param name="Bus">Bus number.</param>
/// <param name="Address">7-bit address (decimal in JSON: 87 = 0x57).</param>
/// <param name="RateHz">Output sample rate of the channel(s).</param>
public sealed record KitSensorConfig(string Chip, int Bus, int Address, double RateHz);

namespace SensorChain.Edge.Hardware.Kit;

/// <summary>One serial device: <see cref="Device"/> is glucose-astm or bp-nmea.</summary>
public sealed record KitSerialConfig(string Device, string Path, int Baud = 9600);

namespace SensorChain.Edge.Hardware.Drivers.GlucoseMeter;

/// <summary>A glucose result in mg/dL.</summary>
public readonly record struct GlucoseReading(double MgPerDl);

namespace SensorChain.Edge.Hardware.Drivers.BloodPressure;

/// <summary>One cuff measurement in mmHg and pulse in beats per minute.</summary>
public readonly record struct BloodPressureReading(int Systolic, int Diastolic, int Mean, int PulseRate);

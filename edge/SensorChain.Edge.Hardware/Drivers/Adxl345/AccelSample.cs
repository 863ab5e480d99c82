namespace SensorChain.Edge.Hardware.Drivers.Adxl345;

/// <summary>One acceleration sample in g (sensor axes: X toward the head, Y to the patient's left, Z out of the chest).</summary>
public readonly record struct AccelSample(double X, double Y, double Z)
{
    /// <summary>Magnitude in g.</summary>
    public double Magnitude => Math.Sqrt((X * X) + (Y * Y) + (Z * Z));
}

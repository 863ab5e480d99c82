namespace SensorChain.Edge.Hardware.Drivers.Adxl345;

/// <summary>One acceleration sample in g (chest-worn; axes as in firmware-sim: +X to the patient's left, +Y toward the head, +Z out of the chest).</summary>
public readonly record struct AccelSample(double X, double Y, double Z)
{
    /// <summary>Magnitude in g.</summary>
    public double Magnitude => Math.Sqrt((X * X) + (Y * Y) + (Z * Z));
}

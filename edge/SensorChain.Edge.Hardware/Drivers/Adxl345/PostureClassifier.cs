namespace SensorChain.Edge.Hardware.Drivers.Adxl345;

/// <summary>
/// Classifies body position from the mean acceleration (gravity) over a window. Axes: +X to the patient's
/// left, +Y toward the head, +Z out of the chest. At rest the sensor reads +1 g along the axis pointing up:
/// upright Y ≈ +1, supine Z ≈ +1, prone Z ≈ −1, lying on the left side X ≈ −1, on the right side X ≈ +1.
/// </summary>
public static class PostureClassifier
{
    /// <summary>Classifies the mean of the samples; Unknown when the mean is far from 1 g (moving).</summary>
    public static BodyPosition Classify(ReadOnlySpan<AccelSample> samples)
    {
        if (samples.IsEmpty)
        {
            return BodyPosition.Unknown;
        }

        double x = 0, y = 0, z = 0;
        foreach (var s in samples)
        {
            x += s.X;
            y += s.Y;
            z += s.Z;
        }

        return Classify(new AccelSample(x / samples.Length, y / samples.Length, z / samples.Length));
    }

    /// <summary>Classifies one gravity vector.</summary>
    public static BodyPosition Classify(AccelSample gravity)
    {
        var magnitude = gravity.Magnitude;
        if (magnitude is < 0.6 or > 1.4)
        {
            return BodyPosition.Unknown;
        }

        var x = gravity.X / magnitude;
        var y = gravity.Y / magnitude;
        var z = gravity.Z / magnitude;
        // Upright when the head axis is within ~50° of vertical.
        if (y > 0.64)
        {
            return BodyPosition.Upright;
        }

        return Math.Abs(z) >= Math.Abs(x)
            ? (z >= 0 ? BodyPosition.Supine : BodyPosition.Prone)
            : (x >= 0 ? BodyPosition.Right : BodyPosition.Left);
    }
}

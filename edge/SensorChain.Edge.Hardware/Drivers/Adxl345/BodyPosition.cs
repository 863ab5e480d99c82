namespace SensorChain.Edge.Hardware.Drivers.Adxl345;

/// <summary>Body position from the gravity vector of a chest-worn accelerometer.</summary>
public enum BodyPosition
{
    /// <summary>Not enough data.</summary>
    Unknown = 0,
    /// <summary>Lying on the back.</summary>
    Supine,
    /// <summary>Lying face down.</summary>
    Prone,
    /// <summary>Lying on the left side.</summary>
    Left,
    /// <summary>Lying on the right side.</summary>
    Right,
    /// <summary>Standing or sitting.</summary>
    Upright,
}

namespace SensorChain.FirmwareSim;

/// <summary>Body position, as an accelerometer on the chest sees it (see README for the axis convention).</summary>
public enum Posture
{
    /// <summary>Standing or sitting: the head is up (+Y reads +1 g).</summary>
    Upright = 0,
    /// <summary>Lying on the back: the chest faces up (+Z reads +1 g).</summary>
    Supine = 1,
    /// <summary>Lying face down (+Z reads −1 g).</summary>
    Prone = 2,
    /// <summary>Lying on the left side (+X, towards the patient's left, reads −1 g).</summary>
    Left = 3,
    /// <summary>Lying on the right side (+X reads +1 g).</summary>
    Right = 4,
}

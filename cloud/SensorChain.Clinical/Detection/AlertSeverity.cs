namespace SensorChain.Clinical.Detection;

/// <summary>Alarm priority tiers (IEC 60601-1-8 style).</summary>
public enum AlertSeverity
{
    /// <summary>Technical / advisory (e.g. sensor detached).</summary>
    Advisory = 0,
    /// <summary>Low priority: awareness.</summary>
    Low = 1,
    /// <summary>Medium priority: prompt response.</summary>
    Medium = 2,
    /// <summary>High priority: immediate response.</summary>
    High = 3,
}

namespace SensorChain.Edge.Hardware.Kit;

/// <summary>kit.json is invalid; the message names the field.</summary>
public sealed class KitConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KitConfigException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public KitConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public KitConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

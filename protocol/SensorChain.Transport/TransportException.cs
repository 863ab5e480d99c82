namespace SensorChain.Transport;

/// <summary>A publish was not acknowledged, or the transport is down.</summary>
public sealed class TransportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TransportException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public TransportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

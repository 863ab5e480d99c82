namespace SensorChain.Edge.Hardware.Bus;

/// <summary>The device did not acknowledge its address or a byte: unplugged, powered down or busy.</summary>
public sealed class I2cNackException : IOException
{
    /// <summary>Creates the exception.</summary>
    public I2cNackException()
        : base("The I2C device did not acknowledge.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public I2cNackException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public I2cNackException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace SensorChain.Ledger.Etcd;

/// <summary>No etcd member answered, or one answered with an error.</summary>
public sealed class EtcdException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EtcdException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public EtcdException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public EtcdException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

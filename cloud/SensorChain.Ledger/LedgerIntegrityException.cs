namespace SensorChain.Ledger;

/// <summary>Stored log data does not match what was signed (tampering or corruption), or a fork was detected.</summary>
public sealed class LedgerIntegrityException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LedgerIntegrityException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public LedgerIntegrityException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public LedgerIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

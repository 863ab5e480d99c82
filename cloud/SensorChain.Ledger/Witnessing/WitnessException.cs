namespace SensorChain.Ledger.Witnessing;

/// <summary>A witness refused to cosign; the message says why (bad signature, inconsistent tree, stale size…).</summary>
public sealed class WitnessException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WitnessException(string message, long? knownSize = null)
        : base(message) => KnownSize = knownSize;

    /// <summary>Creates the exception.</summary>
    public WitnessException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public WitnessException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The size the witness last cosigned, when the request named another old size (tlog-witness 409).</summary>
    public long? KnownSize { get; }
}

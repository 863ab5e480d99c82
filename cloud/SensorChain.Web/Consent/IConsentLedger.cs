namespace SensorChain.Web.Consent;

/// <summary>Records consent grants and revocations on the ledger (SensorChain.Ledger) when one is configured.</summary>
public interface IConsentLedger
{
    /// <summary>
    /// Records one consent change: <paramref name="grant"/> active is a grant, inactive its revocation. The implementation
    /// puts only pseudonyms and salted hashes on the ledger, never PHI.
    /// </summary>
    ValueTask RecordAsync(ConsentGrant grant, CancellationToken cancellationToken);
}

namespace SensorChain.Web.Consent;

/// <summary>Records consent grants and revocations on the ledger (SensorChain.Ledger) when one is configured.</summary>
public interface IConsentLedger
{
    /// <summary>Records one consent change: its id, version and SHA-256 of the FHIR Consent JSON. No PHI.</summary>
    ValueTask RecordAsync(string consentId, int version, string sha256Hex, CancellationToken cancellationToken);
}

namespace SensorChain.Web.Consent;

/// <summary>The default when no ledger is configured: records nothing.</summary>
public sealed class NullConsentLedger : IConsentLedger
{
    /// <inheritdoc />
    public ValueTask RecordAsync(string consentId, int version, string sha256Hex, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

namespace SensorChain.Web.Consent;

/// <summary>The default when no ledger is configured: records nothing.</summary>
public sealed class NullConsentLedger : IConsentLedger
{
    /// <inheritdoc />
    public ValueTask RecordAsync(ConsentGrant grant, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

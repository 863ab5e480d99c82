namespace SensorChain.Web.Audit;

/// <summary>The default when no ledger is configured: anchors nothing.</summary>
public sealed class NullAuditAnchor : IAuditAnchor
{
    /// <inheritdoc />
    public ValueTask AnchorAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

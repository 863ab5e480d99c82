namespace SensorChain.Web.Audit;

/// <summary>Anchors audit-chain checkpoints on the ledger (SensorChain.Ledger) when one is configured.</summary>
public interface IAuditAnchor
{
    /// <summary>Anchors <paramref name="checkpoint"/> (hash and sequence only: no PHI).</summary>
    ValueTask AnchorAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken);
}

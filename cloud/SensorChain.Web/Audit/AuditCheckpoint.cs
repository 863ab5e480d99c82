namespace SensorChain.Web.Audit;

/// <summary>The head of the audit chain at one point: anchoring it on the ledger fixes every record up to it.</summary>
/// <param name="Sequence">Last record covered.</param>
/// <param name="Hash">That record's chained hash.</param>
/// <param name="At">When the checkpoint was taken.</param>
public sealed record AuditCheckpoint(long Sequence, string Hash, DateTimeOffset At);

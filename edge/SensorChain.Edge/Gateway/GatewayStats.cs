namespace SensorChain.Edge.Gateway;

/// <summary>A snapshot of a gateway's counters.</summary>
/// <param name="Signed">Batches signed and stored in the outbox since start.</param>
/// <param name="Acknowledged">Batches acknowledged by the transport and removed.</param>
/// <param name="PublishFailures">Publish attempts that failed (each retried later).</param>
/// <param name="Samples">Samples signed since start.</param>
public readonly record struct GatewayStats(long Signed, long Acknowledged, long PublishFailures, long Samples);

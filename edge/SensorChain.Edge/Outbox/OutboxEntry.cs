namespace SensorChain.Edge.Outbox;

/// <summary>A signed batch waiting in the outbox for its acknowledgement.</summary>
/// <param name="Sequence">Its sequence number.</param>
/// <param name="Bytes">The signed wire bytes.</param>
public sealed record OutboxEntry(ulong Sequence, byte[] Bytes);

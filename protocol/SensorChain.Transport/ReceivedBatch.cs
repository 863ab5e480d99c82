namespace SensorChain.Transport;

/// <summary>A batch as it came off the transport, before any verification.</summary>
/// <param name="Topic">The topic (or in-process channel) it arrived on; carries only the device id.</param>
/// <param name="Payload">The signed batch bytes, owned by the receiver.</param>
/// <param name="ReceivedAt">When the cloud received it.</param>
public sealed record ReceivedBatch(string Topic, ReadOnlyMemory<byte> Payload, DateTimeOffset ReceivedAt);

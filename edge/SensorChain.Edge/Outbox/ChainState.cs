using SensorChain.Protocol;

namespace SensorChain.Edge.Outbox;

/// <summary>Where the device's chain stands: the next sequence number to sign and the hash it must link to.</summary>
/// <param name="NextSequence">Sequence number of the next batch.</param>
/// <param name="PreviousHash">Hash of batch <see cref="NextSequence"/> − 1 (zero before the first).</param>
public readonly record struct ChainState(ulong NextSequence, BatchHash PreviousHash);

using SensorChain.Protocol;

namespace SensorChain.Ingest.Storage;

/// <summary>How a stored batch links into its device's chain: its own hash and the hash it points back to.</summary>
/// <param name="Sequence">Sequence number.</param>
/// <param name="Hash">SHA-256 of the signed bytes.</param>
/// <param name="PreviousHash">The hash of batch <c>Sequence - 1</c> as the gateway signed it.</param>
public readonly record struct BatchLink(ulong Sequence, BatchHash Hash, BatchHash PreviousHash);

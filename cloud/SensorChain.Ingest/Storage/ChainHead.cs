using SensorChain.Protocol;

namespace SensorChain.Ingest.Storage;

/// <summary>The last batch accepted in order from a device, and how many sequence numbers are still missing before it.</summary>
/// <param name="Device">Device id.</param>
/// <param name="Sequence">Highest sequence number stored.</param>
/// <param name="Hash">Hash of that batch.</param>
/// <param name="MissingCount">Sequence numbers below <see cref="Sequence"/> not (yet) stored: gaps.</param>
public sealed record ChainHead(DeviceId Device, ulong Sequence, BatchHash Hash, long MissingCount);

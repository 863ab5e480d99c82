using SensorChain.Protocol;

namespace SensorChain.Ingest.Storage;

/// <summary>An accepted batch exactly as signed, kept (Brotli-compressed) so any Observation can be checked against the sensor's signature.</summary>
/// <param name="Device">Device id.</param>
/// <param name="Sequence">Sequence number.</param>
/// <param name="Hash">SHA-256 of the signed bytes.</param>
/// <param name="PreviousHash">The hash the batch links to.</param>
/// <param name="StartUnixMs">Window start (gateway clock).</param>
/// <param name="ReceivedAt">When the cloud received it.</param>
/// <param name="CompressedBytes">The signed wire bytes, Brotli-compressed.</param>
public sealed record StoredBatch(
    DeviceId Device,
    ulong Sequence,
    BatchHash Hash,
    BatchHash PreviousHash,
    long StartUnixMs,
    DateTimeOffset ReceivedAt,
    byte[] CompressedBytes);

using SensorChain.Protocol;

namespace SensorChain.Ledger.Anchoring;

/// <summary>Where a batch is anchored (kept privately by the ingesting organization).</summary>
/// <param name="BatchHash">Hash of the signed batch.</param>
/// <param name="Device">Device id.</param>
/// <param name="Sequence">Batch sequence.</param>
/// <param name="PatientId">Pseudonymous patient id (whose secret derives k_batch).</param>
/// <param name="LeafIndex">Index of the anchor leaf in the log.</param>
/// <param name="OrgKeyId">Submitting org's key ID as in the leaf.</param>
/// <param name="HourBucket">Hour bucket as in the leaf.</param>
public sealed record AnchorRecord(BatchHash BatchHash, DeviceId Device, ulong Sequence, string PatientId, long LeafIndex, uint OrgKeyId, uint HourBucket);

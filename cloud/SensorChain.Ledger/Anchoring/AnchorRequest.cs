using SensorChain.Protocol;

namespace SensorChain.Ledger.Anchoring;

/// <summary>A stored batch to anchor: its hash, device, sequence, patient (for the patient's secret) and arrival time (hour bucket).</summary>
internal sealed record AnchorRequest(BatchHash Hash, DeviceId Device, ulong Sequence, string PatientId, DateTimeOffset ReceivedAt);

namespace SensorChain.Ingest.Storage;

/// <summary>
/// What the ingester must know about a device before it stores batch <c>sequence</c>: the enrolment, the stored batches
/// at <c>sequence - 1</c>, <c>sequence</c> and <c>sequence + 1</c> (to tell a redelivery, a replay and a fork apart)
/// and the chain head (to see a gap). Read in one call (<see cref="IIngestStore.GetIngestContextAsync"/>).
/// </summary>
/// <param name="Enrollment">The device's enrolment, or null when it is not enrolled.</param>
/// <param name="Existing">The batch already stored under this sequence number, if any.</param>
/// <param name="Previous">The stored batch just before, if any.</param>
/// <param name="Next">The stored batch just after, if any.</param>
/// <param name="Head">The chain head, or null before the device's first batch.</param>
public sealed record IngestContext(DeviceEnrollment? Enrollment, BatchLink? Existing, BatchLink? Previous, BatchLink? Next, ChainHead? Head);

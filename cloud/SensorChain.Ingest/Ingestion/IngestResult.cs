using SensorChain.Protocol;

namespace SensorChain.Ingest.Ingestion;

/// <summary>The result of ingesting one batch.</summary>
/// <param name="Outcome">Accepted, duplicate or rejected.</param>
/// <param name="Device">The device, when the batch could be decoded.</param>
/// <param name="Sequence">The sequence number, when the batch could be decoded.</param>
/// <param name="Reason">Why it was rejected (null unless rejected).</param>
/// <param name="Message">Operator-readable sentence naming the field, device and sequence (no PHI).</param>
/// <param name="ObservationIds">Observations created (accepted) or already stored (duplicate).</param>
/// <param name="FormatError">The decoder's error for <see cref="IngestRejectReason.Malformed"/>.</param>
/// <param name="MissingBefore">Sequence numbers still missing below this device's head after this batch.</param>
public sealed record IngestResult(
    IngestOutcome Outcome,
    DeviceId? Device,
    ulong? Sequence,
    IngestRejectReason? Reason,
    string Message,
    IReadOnlyList<string> ObservationIds,
    BatchError? FormatError = null,
    long MissingBefore = 0)
{
    /// <summary>True when the transport should acknowledge (accepted or duplicate).</summary>
    public bool ShouldAcknowledge => Outcome != IngestOutcome.Rejected;

    /// <summary>A rejection.</summary>
    public static IngestResult Reject(IngestRejectReason reason, string message, DeviceId? device = null, ulong? sequence = null, BatchError? error = null) =>
        new(IngestOutcome.Rejected, device, sequence, reason, message, [], error);

    /// <inheritdoc />
    public override string ToString() => Reason is { } r ? $"{Outcome} ({r}): {Message}" : $"{Outcome}: {Message}";
}

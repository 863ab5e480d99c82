namespace SensorChain.Ingest.Ingestion;

/// <summary>Why a batch was rejected. Each reason is distinct so operators and tests can tell them apart.</summary>
public enum IngestRejectReason
{
    /// <summary>Not a well-formed v1 batch (see <see cref="IngestResult.FormatError"/> for the field).</summary>
    Malformed = 1,
    /// <summary>Signed by a key that is not enrolled.</summary>
    UnknownDevice,
    /// <summary>The signature does not verify against the enrolled key (content changed or wrong key).</summary>
    BadSignature,
    /// <summary>A different batch with the same sequence number is already stored (replayed or reused sequence).</summary>
    Replay,
    /// <summary>The previous-hash link does not match the stored neighbour: the chain forks.</summary>
    Fork,
    /// <summary>The batch starts further in the future than the allowed clock skew.</summary>
    ClockSkew,
    /// <summary>The topic names a different device than the batch.</summary>
    TopicMismatch,
}

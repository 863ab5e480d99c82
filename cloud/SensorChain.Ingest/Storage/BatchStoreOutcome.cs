namespace SensorChain.Ingest.Storage;

/// <summary>What <see cref="IIngestStore.StoreBatchAsync"/> did.</summary>
public enum BatchStoreOutcome
{
    /// <summary>Stored now.</summary>
    Stored,
    /// <summary>The same (device, sequence, hash) was already stored: nothing changed (redelivery).</summary>
    AlreadyStored,
    /// <summary>A different batch with the same (device, sequence) is stored: a fork or replay; nothing changed.</summary>
    Conflict,
}

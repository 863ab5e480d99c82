namespace SensorChain.Ingest.Pipeline;

/// <summary>
/// Runs after a batch is durably stored: ledger anchoring, clinical detection, time-series sink, live dashboard.
/// Called once per accepted batch, per device in sequence order. A handler must not block ingest for long and
/// must keep its own durability (e.g. catch up from the store) if it cannot afford to miss a batch on a crash.
/// An exception is logged and does not un-accept the batch.
/// </summary>
public interface IAcceptedBatchHandler
{
    /// <summary>A short name for logs and metrics.</summary>
    string Name { get; }

    /// <summary>Handles one accepted batch.</summary>
    ValueTask HandleAsync(AcceptedBatch batch, CancellationToken cancellationToken);
}

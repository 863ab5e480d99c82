using SensorChain.Ingest.Mapping;
using SensorChain.Ingest.Pipeline;
using SensorChain.Ingest.Storage;

namespace SensorChain.FhirApi.Subscriptions;

/// <summary>Publishes the Observations of every accepted batch to the subscriptions (nothing to do when none is active).</summary>
public sealed class SubscriptionBatchHandler(SubscriptionService subscriptions, IIngestStore store) : IAcceptedBatchHandler
{
    /// <inheritdoc />
    public string Name => "fhir-subscriptions";

    /// <inheritdoc />
    public async ValueTask HandleAsync(AcceptedBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!subscriptions.HasActive)
        {
            return;
        }

        // One read for the batch's Observations: SQLite renders them all from one read of the raw batch.
        foreach (var record in await store.ReadResourcesAsync("Observation", batch.ObservationIds, cancellationToken))
        {
            await subscriptions.PublishAsync(FhirRecords.ToResource(record), cancellationToken);
        }
    }
}

using SensorChain.Protocol;

namespace SensorChain.Ingest.Storage;

/// <summary>
/// Durable state of the cloud: enrolled devices, the raw signed batches and per-device chains, and FHIR resources.
/// SQLite is the embedded default; PostgreSQL serves production. Both pass the same test suite
/// (tests/SensorChain.Cloud.Tests/Storage/IngestStoreContract.cs). Contract details every implementation keeps:
/// <list type="bullet">
/// <item>Times are kept to the millisecond.</item>
/// <item>A resource's JSON is stored exactly as given (or, for the batch Observations the ingester hands over as
/// <see cref="BatchObservationReference"/>s when <see cref="KeepsBatchObservationsAsReferences"/>, rendered on read to
/// the JSON the mapper writes); <see cref="FhirResourceRecord.VersionId"/> and
/// <see cref="FhirResourceRecord.LastUpdated"/> live in columns and the API stamps them into <c>meta</c> when serving.
/// On writes the store assigns the version (1 for a new id, current + 1 when the JSON differs) and keeps the
/// given LastUpdated. Records read back carry <see cref="FhirResourceRecord.Search"/> = null.</item>
/// <item>(device, sequence) is unique (a database constraint), so several ingester processes cannot both store
/// one sequence number: the loser gets <see cref="BatchStoreOutcome.AlreadyStored"/> or <see cref="BatchStoreOutcome.Conflict"/>.</item>
/// </list>
/// </summary>
public interface IIngestStore : IAsyncDisposable
{
    /// <summary>
    /// True when the store keeps the Observations of a stored batch as <see cref="BatchObservationReference"/>s to its
    /// raw batch and renders their JSON on every read (the same JSON, checked against the batch's stored hash): the
    /// ingester then hands it <see cref="Mapping.FhirRecords.Reference"/> records instead of serialising each
    /// Observation. Reads always return JSON. False (the default) for stores that keep the JSON as given.
    /// </summary>
    bool KeepsBatchObservationsAsReferences => false;

    /// <summary>Creates or migrates the schema.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Enrols (or re-enrols with the same key) a device.</summary>
    Task EnrollDeviceAsync(DeviceEnrollment enrollment, CancellationToken cancellationToken);

    /// <summary>The enrolment of <paramref name="device"/>, or null.</summary>
    Task<DeviceEnrollment?> FindDeviceAsync(DeviceId device, CancellationToken cancellationToken);

    /// <summary>All enrolled devices.</summary>
    Task<IReadOnlyList<DeviceEnrollment>> ListDevicesAsync(CancellationToken cancellationToken);

    /// <summary>The device's chain head, or null before its first batch.</summary>
    Task<ChainHead?> GetChainHeadAsync(DeviceId device, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: stores the raw batch, advances the chain, and creates the resources derived from it.
    /// Idempotent on (device, sequence): a redelivered batch changes nothing.
    /// </summary>
    Task<BatchStoreOutcome> StoreBatchAsync(StoredBatch batch, IReadOnlyList<FhirResourceRecord> resources, CancellationToken cancellationToken);

    /// <summary>
    /// The enrolment, the stored neighbours of <paramref name="sequence"/> and the chain head of <paramref name="device"/>
    /// in one call: the ingester's only read per batch. The default composes the single reads; stores override it to
    /// answer with one connection.
    /// </summary>
    async Task<IngestContext> GetIngestContextAsync(DeviceId device, ulong sequence, CancellationToken cancellationToken)
    {
        var enrollment = await FindDeviceAsync(device, cancellationToken);
        if (enrollment is null)
        {
            return new IngestContext(null, null, null, null, null);
        }

        static BatchLink? Link(StoredBatch? b) => b is null ? null : new BatchLink(b.Sequence, b.Hash, b.PreviousHash);
        var existing = Link(await GetBatchAsync(device, sequence, cancellationToken));
        var previous = sequence > 0 ? Link(await GetBatchAsync(device, sequence - 1, cancellationToken)) : null;
        var next = sequence < ulong.MaxValue ? Link(await GetBatchAsync(device, sequence + 1, cancellationToken)) : null;
        return new IngestContext(enrollment, existing, previous, next, await GetChainHeadAsync(device, cancellationToken));
    }

    /// <summary>A stored batch, or null.</summary>
    Task<StoredBatch?> GetBatchAsync(DeviceId device, ulong sequence, CancellationToken cancellationToken);

    /// <summary>Sequence numbers below the head that have not arrived.</summary>
    Task<IReadOnlyList<ulong>> GetMissingSequencesAsync(DeviceId device, int limit, CancellationToken cancellationToken);

    /// <summary>Creates or updates a resource (new version when the JSON differs); returns the stored version.</summary>
    Task<FhirResourceRecord> UpsertResourceAsync(FhirResourceRecord resource, CancellationToken cancellationToken);

    /// <summary>The current version of a resource, or null.</summary>
    Task<FhirResourceRecord?> ReadResourceAsync(string resourceType, string id, CancellationToken cancellationToken);

    /// <summary>
    /// The current versions of the resources of <paramref name="ids"/> that exist, in the order asked. The default reads
    /// them one by one; SQLite renders the Observations of one batch from a single read of it.
    /// </summary>
    async Task<IReadOnlyList<FhirResourceRecord>> ReadResourcesAsync(string resourceType, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new List<FhirResourceRecord>(ids.Count);
        foreach (var id in ids)
        {
            if (await ReadResourceAsync(resourceType, id, cancellationToken) is { } record)
            {
                found.Add(record);
            }
        }

        return found;
    }

    /// <summary>A specific version, or null.</summary>
    Task<FhirResourceRecord?> ReadResourceVersionAsync(string resourceType, string id, int versionId, CancellationToken cancellationToken);

    /// <summary>Observation search (see <see cref="ObservationQuery"/>).</summary>
    Task<ObservationPage> SearchObservationsAsync(ObservationQuery query, CancellationToken cancellationToken);

    /// <summary>Current versions of all resources (optionally of one type, optionally changed since a time), in a stable order.</summary>
    IAsyncEnumerable<FhirResourceRecord> ExportAsync(string? resourceType, DateTimeOffset? since, CancellationToken cancellationToken);
}

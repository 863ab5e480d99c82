using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SensorChain.Ingest.Mapping;
using SensorChain.Ingest.Pipeline;
using SensorChain.Ingest.Storage;
using SensorChain.Protocol;
using SensorChain.Transport;

namespace SensorChain.Ingest.Ingestion;

/// <summary>
/// The cloud ingester: decode → enrolled device → signature → sequence/chain check → FHIR mapping → one store
/// transaction → <see cref="IAcceptedBatchHandler"/>s. Rejections are counted and logged and never touch stored data.
/// Ingests of one device are serialised in this process (handlers see a device's batches in order); several
/// ingester processes rely on the store's unique (device, sequence) constraint, which turns a lost race into a
/// duplicate or a replay rejection.
/// </summary>
public sealed class IngestService : IDisposable
{
    private readonly IIngestStore _store;
    private readonly IReadOnlyList<IAcceptedBatchHandler> _handlers;
    private readonly IReadOnlyList<IProvenanceEnricher> _enrichers;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IngestOptions _options;
    private readonly ConcurrentDictionary<DeviceId, SemaphoreSlim> _deviceLocks = new();
    private readonly ConcurrentDictionary<DeviceId, ECDsa> _keys = new();
    private readonly ConcurrentDictionary<IngestRejectReason, long> _rejected = new();
    private long _accepted;
    private long _duplicates;
    private long _observations;
    private long _handlerFailures;
    private long _gaps;

    /// <summary>Creates the service.</summary>
    public IngestService(
        IIngestStore store,
        IEnumerable<IAcceptedBatchHandler> handlers,
        TimeProvider time,
        ILogger<IngestService>? logger = null,
        IngestOptions? options = null,
        IEnumerable<IProvenanceEnricher>? enrichers = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _handlers = [.. handlers ?? []];
        _enrichers = [.. enrichers ?? []];
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _options = options ?? new IngestOptions();
    }

    /// <summary>A snapshot of the counters.</summary>
    public IngestStatistics Statistics => new(
        Interlocked.Read(ref _accepted),
        Interlocked.Read(ref _duplicates),
        new Dictionary<IngestRejectReason, long>(_rejected),
        Interlocked.Read(ref _observations),
        Interlocked.Read(ref _handlerFailures),
        Interlocked.Read(ref _gaps));

    /// <summary>
    /// The transport handler (<see cref="IBatchSubscriber.StartAsync"/>): ingests and returns normally for accepted,
    /// duplicate and rejected batches (a rejected batch can never become valid, so it is acknowledged and dropped after
    /// being counted); throws only when the store fails, so the transport redelivers.
    /// </summary>
    public Task HandleAsync(ReceivedBatch received, CancellationToken cancellationToken) => IngestAsync(received, cancellationToken);

    /// <summary>Ingests a batch received from the transport.</summary>
    public Task<IngestResult> IngestAsync(ReceivedBatch received, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(received);
        return IngestAsync(received.Payload, received.ReceivedAt, received.Topic, cancellationToken);
    }

    /// <summary>Ingests the signed batch bytes <paramref name="payload"/> (owned by the caller until the task completes).</summary>
    public async Task<IngestResult> IngestAsync(ReadOnlyMemory<byte> payload, DateTimeOffset receivedAt, string? topic, CancellationToken cancellationToken)
    {
        var topicDevice = topic is null ? null : Topics.DeviceIdOf(topic);
        if (!BatchCodec.TryDecode(payload, out var signed, out var error))
        {
            return Rejected(IngestResult.Reject(IngestRejectReason.Malformed,
                $"Malformed batch{(topicDevice is null ? string.Empty : " on the topic of device " + topicDevice)}: {error}", error: error));
        }

        var device = signed.Device;
        var sequence = signed.Sequence;
        if (topicDevice is not null && topicDevice != device.ToString())
        {
            return Rejected(IngestResult.Reject(IngestRejectReason.TopicMismatch,
                $"Batch of device {device} sequence {sequence} arrived on the topic of device {topicDevice}.", device, sequence));
        }

        // A device's key never changes (the id is the key's hash), so a device seen once is known; its first batch asks
        // the store before any lock is taken for it, so unknown devices leave nothing behind.
        if (!_keys.ContainsKey(device) && await _store.FindDeviceAsync(device, cancellationToken) is null)
        {
            return UnknownDevice(device, sequence);
        }

        var gate = _deviceLocks.GetOrAdd(device, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // One read per batch: the current enrolment (its patient may have changed) and the chain around the sequence.
            var context = await _store.GetIngestContextAsync(device, sequence, cancellationToken);
            if (context.Enrollment is not { } enrollment)
            {
                return UnknownDevice(device, sequence);
            }

            if (!BatchCodec.VerifySignature(signed, KeyOf(enrollment)))
            {
                return Rejected(IngestResult.Reject(IngestRejectReason.BadSignature,
                    $"Signature of device {device} sequence {sequence} does not verify against the enrolled key (the batch was changed or signed by another key).",
                    device, sequence));
            }

            if (_options.MaxClockSkew is { } skew && signed.Batch.Start > receivedAt + skew)
            {
                return Rejected(IngestResult.Reject(IngestRejectReason.ClockSkew,
                    string.Create(CultureInfo.InvariantCulture,
                        $"Batch of device {device} sequence {sequence} starts at {signed.Batch.Start:O}, more than {skew} after the cloud's clock ({receivedAt:O}); field startUnixMs."),
                    device, sequence));
            }

            return await IngestVerifiedAsync(signed, enrollment, context, receivedAt, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }

        foreach (var gate in _deviceLocks.Values)
        {
            gate.Dispose();
        }
    }

    private async Task<IngestResult> IngestVerifiedAsync(SignedBatch signed, DeviceEnrollment enrollment, IngestContext context, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var device = signed.Device;
        var sequence = signed.Sequence;
        if (context.Existing is { } existing)
        {
            return existing.Hash == signed.Hash
                ? Duplicate(signed, enrollment, receivedAt)
                : Rejected(IngestResult.Reject(IngestRejectReason.Replay,
                    $"Device {device} sequence {sequence} is already stored with different content (hash {existing.Hash} ≠ {signed.Hash}): replayed or reused sequence number.",
                    device, sequence));
        }

        if (context.Previous is { } previous && previous.Hash != signed.Batch.PreviousHash)
        {
            return Rejected(IngestResult.Reject(IngestRejectReason.Fork,
                $"Device {device} sequence {sequence}: field previousHash {signed.Batch.PreviousHash} does not match stored batch {sequence - 1} ({previous.Hash}): the chain forks.",
                device, sequence));
        }

        if (context.Next is { } next && next.PreviousHash != signed.Hash)
        {
            return Rejected(IngestResult.Reject(IngestRejectReason.Fork,
                $"Device {device} sequence {sequence} (hash {signed.Hash}) does not match the previousHash {next.PreviousHash} of stored batch {sequence + 1}: the chain forks.",
                device, sequence));
        }

        var head = context.Head;
        var opensGap = head is null ? sequence > 0 : sequence > head.Sequence + 1;

        var mapped = BatchFhirMapper.Map(signed, enrollment.PatientId, receivedAt);
        var provenance = mapped.Provenance;
        foreach (var enricher in _enrichers)
        {
            provenance = enricher.Enrich(provenance, signed);
        }

        var now = _time.GetUtcNow();
        var records = FhirRecords.ForBatch(mapped.Observations, provenance,
            _store.KeepsBatchObservationsAsReferences ? new BatchObservationReference(device, sequence, enrollment.PatientId) : null, now);
        var stored = new StoredBatch(device, sequence, signed.Hash, signed.Batch.PreviousHash, signed.Batch.StartUnixMs, receivedAt,
            BatchCompression.Compress(signed.Bytes.Span));
        var outcome = await _store.StoreBatchAsync(stored, records, cancellationToken);
        if (outcome == BatchStoreOutcome.AlreadyStored)
        {
            return Duplicate(signed, enrollment, receivedAt);
        }

        if (outcome == BatchStoreOutcome.Conflict)
        {
            return Rejected(IngestResult.Reject(IngestRejectReason.Replay,
                $"Device {device} sequence {sequence} was stored with different content by another ingester.", device, sequence));
        }

        var ids = mapped.Observations.Select(o => o.Id!).ToList();
        Interlocked.Increment(ref _accepted);
        Interlocked.Add(ref _observations, ids.Count);
        var missing = MissingAfter(head, sequence);
        if (opensGap)
        {
            Interlocked.Increment(ref _gaps);
            IngestLog.Gap(_logger, device, sequence, head?.Sequence ?? 0, missing);
        }

        IngestLog.Accepted(_logger, device, sequence, ids.Count);
        var accepted = new AcceptedBatch(signed, enrollment, receivedAt, ids);
        foreach (var handler in _handlers)
        {
            try
            {
                await handler.HandleAsync(accepted, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _handlerFailures);
                IngestLog.HandlerFailed(_logger, ex, handler.Name, device, sequence);
            }
        }

        var message = missing > 0
            ? string.Create(CultureInfo.InvariantCulture, $"Accepted device {device} sequence {sequence}; {missing} earlier sequence numbers are still missing.")
            : string.Create(CultureInfo.InvariantCulture, $"Accepted device {device} sequence {sequence}.");
        return new IngestResult(IngestOutcome.Accepted, device, sequence, null, message, ids, null, missing);
    }

    private IngestResult Duplicate(SignedBatch signed, DeviceEnrollment enrollment, DateTimeOffset receivedAt)
    {
        Interlocked.Increment(ref _duplicates);
        IngestLog.Duplicate(_logger, signed.Device, signed.Sequence);
        var ids = BatchFhirMapper.Map(signed, enrollment.PatientId, receivedAt).Observations.Select(o => o.Id!).ToList();
        return new IngestResult(IngestOutcome.Duplicate, signed.Device, signed.Sequence, null,
            $"Device {signed.Device} sequence {signed.Sequence} was already stored; acknowledged without change.", ids);
    }

    /// <summary>
    /// Sequence numbers still missing below the head once <paramref name="sequence"/> is stored on top of
    /// <paramref name="head"/> (as this ingester saw it; the store's chain head stays the authority when several
    /// ingesters store one device's batches at the same moment).
    /// </summary>
    private static long MissingAfter(ChainHead? head, ulong sequence) => head switch
    {
        null => unchecked((long)sequence),
        _ when sequence > head.Sequence => head.MissingCount + unchecked((long)(sequence - head.Sequence - 1)),
        _ => Math.Max(0, head.MissingCount - 1),
    };

    private IngestResult UnknownDevice(DeviceId device, ulong sequence) =>
        Rejected(IngestResult.Reject(IngestRejectReason.UnknownDevice,
            $"Device {device} (sequence {sequence}) is not enrolled: its key is unknown.", device, sequence));

    private IngestResult Rejected(IngestResult result)
    {
        _rejected.AddOrUpdate(result.Reason!.Value, 1, (_, n) => n + 1);
        IngestLog.Rejected(_logger, result.Reason.Value, result.Device, result.Sequence, result.Message);
        return result;
    }

    private ECDsa KeyOf(DeviceEnrollment enrollment) =>
        _keys.GetOrAdd(enrollment.Device, _ => P256.ImportPublicKey(enrollment.PublicKeySpki));
}

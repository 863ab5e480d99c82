using Microsoft.Extensions.Logging;
using SensorChain.Ingest.Pipeline;
using SensorChain.Ingest.Storage;
using SensorChain.Ledger.Entries;
using SensorChain.Ledger.Merkle;
using SensorChain.Protocol;

namespace SensorChain.Ledger.Anchoring;

/// <summary>
/// Anchors every accepted batch on the ledger as a hiding commitment and records where (batch hash → leaf index).
/// Idempotent: a batch already anchored, or whose leaf is already in the log (crash between append and record),
/// is not appended again. <see cref="CatchUpAsync"/> anchors stored batches that were missed (e.g. after a crash).
/// </summary>
public sealed partial class LedgerAnchorHandler : IAcceptedBatchHandler, IDisposable
{
    private readonly ILedger _ledger;
    private readonly AnchorStore _anchors;
    private readonly uint _orgKeyId;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates the handler for the organization whose ledger key ID is <paramref name="orgKeyId"/>.</summary>
    public LedgerAnchorHandler(ILedger ledger, AnchorStore anchors, uint orgKeyId, ILogger<LedgerAnchorHandler> logger)
    {
        _ledger = ledger;
        _anchors = anchors;
        _orgKeyId = orgKeyId;
        _logger = logger;
    }

    /// <inheritdoc />
    public string Name => "ledger";

    /// <inheritdoc />
    public async ValueTask HandleAsync(AcceptedBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await AnchorAsync(batch.Signed.Hash, batch.Signed.Device, batch.Signed.Sequence, batch.PatientId, batch.ReceivedAt, cancellationToken);
    }

    /// <summary>Anchors one batch (no-op when already anchored); returns its anchor.</summary>
    public async Task<AnchorRecord> AnchorAsync(BatchHash hash, DeviceId device, ulong sequence, string patientId, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (await _anchors.FindAsync(hash, cancellationToken) is { } existing)
            {
                return existing;
            }

            var secret = await _anchors.GetOrCreateSecretAsync(patientId, cancellationToken);
            var key = BatchCommitment.DeriveBatchKey(secret, BatchCommitment.BatchId(device, sequence));
            var leaf = new AnchorLeaf(BatchCommitment.Commit(key, hash), _orgKeyId, AnchorLeaf.HourOf(receivedAt));
            var entry = leaf.Encode();
            var index = await _ledger.FindLeafAsync(MerkleHash.Leaf(entry), cancellationToken)
                ?? await _ledger.AppendAsync([entry], cancellationToken);
            var anchor = new AnchorRecord(hash, device, sequence, patientId, index, leaf.OrgKeyId, leaf.HourBucket);
            await _anchors.RecordAsync(anchor, cancellationToken);
            LogAnchored(_logger, device, sequence, index);
            return anchor;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Anchors every stored batch that has no anchor yet; returns how many it anchored.</summary>
    public async Task<int> CatchUpAsync(IIngestStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var count = 0;
        foreach (var device in await store.ListDevicesAsync(cancellationToken))
        {
            var head = await store.GetChainHeadAsync(device.Device, cancellationToken);
            if (head is null)
            {
                continue;
            }

            var anchored = await _anchors.AnchoredSequencesAsync(device.Device, cancellationToken);
            for (ulong sequence = 0; sequence <= head.Sequence; sequence++)
            {
                if (anchored.Contains(sequence) || await store.GetBatchAsync(device.Device, sequence, cancellationToken) is not { } batch)
                {
                    continue;
                }

                await AnchorAsync(batch.Hash, device.Device, sequence, device.PatientId, batch.ReceivedAt, cancellationToken);
                count++;
            }
        }

        if (count > 0)
        {
            LogCaughtUp(_logger, count);
        }

        return count;
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Anchored batch {Device}/{Sequence} at leaf {Index}")]
    private static partial void LogAnchored(ILogger logger, DeviceId device, ulong sequence, long index);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ledger catch-up anchored {Count} stored batches")]
    private static partial void LogCaughtUp(ILogger logger, int count);
}

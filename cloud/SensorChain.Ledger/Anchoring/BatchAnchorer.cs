using Microsoft.Extensions.Logging;
using SensorChain.Ledger.Entries;
using SensorChain.Ledger.Merkle;
using SensorChain.Protocol;

namespace SensorChain.Ledger.Anchoring;

/// <summary>
/// Anchors a group of batches with one ledger append: skips batches already anchored, finds leaves already in the log
/// (a crash between append and record), appends the rest in order and records every new anchor in one transaction.
/// One group at a time.
/// </summary>
internal sealed partial class BatchAnchorer(ILedger ledger, AnchorStore anchors, uint orgKeyId, ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Anchors <paramref name="requests"/> (already anchored ones are returned as they are); one anchor per request.</summary>
    public async Task<AnchorRecord[]> AnchorAsync(IReadOnlyList<AnchorRequest> requests, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var result = new AnchorRecord?[requests.Count];
            var toRecord = new List<AnchorRecord>();
            var fresh = new List<(int Slot, AnchorLeaf Leaf, byte[] Entry)>();
            var first = new Dictionary<BatchHash, int>(); // a hash given twice in one call is anchored once
            for (var i = 0; i < requests.Count; i++)
            {
                var r = requests[i];
                if (!first.TryAdd(r.Hash, i))
                {
                    continue;
                }

                if (await anchors.FindAsync(r.Hash, cancellationToken) is { } existing)
                {
                    result[i] = existing;
                    continue;
                }

                var secret = await anchors.GetOrCreateSecretAsync(r.PatientId, cancellationToken);
                var key = BatchCommitment.DeriveBatchKey(secret, BatchCommitment.BatchId(r.Device, r.Sequence));
                var leaf = new AnchorLeaf(BatchCommitment.Commit(key, r.Hash), orgKeyId, AnchorLeaf.HourOf(r.ReceivedAt));
                var entry = leaf.Encode();
                if (await ledger.FindLeafAsync(MerkleHash.Leaf(entry), cancellationToken) is { } index)
                {
                    toRecord.Add(result[i] = new AnchorRecord(r.Hash, r.Device, r.Sequence, r.PatientId, index, leaf.OrgKeyId, leaf.HourBucket));
                }
                else
                {
                    fresh.Add((i, leaf, entry));
                }
            }

            if (fresh.Count > 0)
            {
                var start = await ledger.AppendAsync([.. fresh.Select(f => f.Entry)], cancellationToken);
                for (var k = 0; k < fresh.Count; k++)
                {
                    var (slot, leaf, _) = fresh[k];
                    var r = requests[slot];
                    toRecord.Add(result[slot] = new AnchorRecord(r.Hash, r.Device, r.Sequence, r.PatientId, start + k, leaf.OrgKeyId, leaf.HourBucket));
                }
            }

            await anchors.RecordManyAsync(toRecord, cancellationToken);
            foreach (var anchor in toRecord)
            {
                LogAnchored(logger, anchor.Device, anchor.Sequence, anchor.LeafIndex);
            }

            return [.. requests.Select(r => result[first[r.Hash]]!)];
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Anchored batch {Device}/{Sequence} at leaf {Index}")]
    private static partial void LogAnchored(ILogger logger, DeviceId device, ulong sequence, long index);
}

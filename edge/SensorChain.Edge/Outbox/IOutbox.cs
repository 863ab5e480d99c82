using SensorChain.Protocol;

namespace SensorChain.Edge.Outbox;

/// <summary>
/// The gateway's durable queue. A batch enters together with the chain advance (one transaction), so sequence numbers
/// survive restarts and are never reused; it leaves only when the transport acknowledged it.
/// </summary>
public interface IOutbox : IAsyncDisposable
{
    /// <summary>The chain state the next batch must continue.</summary>
    ValueTask<ChainState> GetChainStateAsync(CancellationToken cancellationToken);

    /// <summary>Stores a signed batch and advances the chain atomically. Its sequence must be the expected next one.</summary>
    ValueTask AppendAsync(SignedBatch batch, CancellationToken cancellationToken);

    /// <summary>The oldest pending batches, in sequence order, skipping those at or below <paramref name="afterSequence"/>.</summary>
    ValueTask<IReadOnlyList<OutboxEntry>> PeekAsync(int limit, long afterSequence, CancellationToken cancellationToken);

    /// <summary>Removes an acknowledged batch.</summary>
    ValueTask RemoveAsync(ulong sequence, CancellationToken cancellationToken);

    /// <summary>Number of batches waiting.</summary>
    ValueTask<long> CountAsync(CancellationToken cancellationToken);
}

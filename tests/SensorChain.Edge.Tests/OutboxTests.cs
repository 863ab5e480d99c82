using SensorChain.Edge.Gateway;
using SensorChain.Edge.Outbox;
using SensorChain.Protocol;
using SensorChain.TestSupport;

namespace SensorChain.Edge.Tests;

public sealed class OutboxTests
{
    [Fact]
    public async Task Pending_batches_and_the_sequence_survive_a_reopen()
    {
        using var dir = new TempDirectory();
        using var key = DeviceKey.Create();
        var path = dir.File("outbox.db");
        SignedBatch second;
        await using (var outbox = await SqliteOutbox.OpenAsync(path, CancellationToken.None))
        {
            var first = BatchCodec.Sign(BatchAssembler.Assemble(key.Id, await outbox.GetChainStateAsync(default), 0, 1000, []), key);
            await outbox.AppendAsync(first, default);
            second = BatchCodec.Sign(BatchAssembler.Assemble(key.Id, await outbox.GetChainStateAsync(default), 1000, 1000, []), key);
            await outbox.AppendAsync(second, default);
            await outbox.RemoveAsync(0, default);
        }

        await using var reopened = await SqliteOutbox.OpenAsync(path, CancellationToken.None);
        var chain = await reopened.GetChainStateAsync(default);
        Assert.Equal(2UL, chain.NextSequence);
        Assert.Equal(second.Hash, chain.PreviousHash);
        var pending = await reopened.PeekAsync(10, -1, default);
        Assert.Equal([1UL], pending.Select(p => p.Sequence));
        Assert.Equal(second.Bytes.ToArray(), pending[0].Bytes);
    }

    [Fact]
    public async Task A_batch_that_does_not_continue_the_chain_is_refused()
    {
        using var dir = new TempDirectory();
        using var key = DeviceKey.Create();
        await using var outbox = await SqliteOutbox.OpenAsync(dir.File("outbox.db"), CancellationToken.None);
        var skipped = new ChainState(5, BatchHash.Compute([1, 2, 3]));
        var wrong = BatchCodec.Sign(BatchAssembler.Assemble(key.Id, skipped, 0, 1000, []), key);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await outbox.AppendAsync(wrong, default));
        Assert.Equal(0, await outbox.CountAsync(default));
    }
}

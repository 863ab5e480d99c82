using Microsoft.Extensions.Logging.Abstractions;
using SensorChain.Ingest.Pipeline;
using SensorChain.Ingest.Storage;
using SensorChain.Ledger.Anchoring;
using SensorChain.Ledger.Embedded;
using SensorChain.Protocol;
using SensorChain.TestSupport;

namespace SensorChain.Ledger.Tests;

/// <summary>The handler's background queue: accepted batches are anchored after ingest returns, many per append.</summary>
public sealed class AnchorQueueTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly DeviceKey _key = DeviceKey.Create();
    private EmbeddedLedgerHost _host = null!;

    public async Task InitializeAsync() => _host = await EmbeddedLedgerHost.OpenAsync(_dir.Path, new ManualTimeProvider(), CancellationToken.None);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose()
    {
        _key.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Batches_accepted_while_the_ledger_appends_are_anchored_together_in_order()
    {
        var ledger = new GatedLedger(_host.Ledger) { HoldFirst = true };
        using var handler = Handler(ledger);
        var batches = Accepted(40);
        await handler.HandleAsync(batches[0], CancellationToken.None);
        await ledger.FirstAppendStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        foreach (var batch in batches.Skip(1))
        {
            await handler.HandleAsync(batch, CancellationToken.None); // returns at once: ingest does not wait for the ledger
        }

        ledger.Release();
        await handler.DrainAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal([1, 39], ledger.GroupSizes); // one checkpoint for the 39 queued meanwhile, not 39
        var indexes = new List<long>();
        foreach (var batch in batches)
        {
            indexes.Add((await _host.Anchors.FindAsync(batch.Signed.Hash, CancellationToken.None))!.LeafIndex);
        }

        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), indexes);
        Assert.Equal(40, _host.Ledger.Size);
    }

    [Fact]
    public async Task A_ledger_that_fails_is_retried_and_every_batch_is_anchored_once()
    {
        var ledger = new GatedLedger(_host.Ledger, failFirst: 2);
        using var handler = Handler(ledger);
        var batches = Accepted(5);
        foreach (var batch in batches)
        {
            await handler.HandleAsync(batch, CancellationToken.None);
        }

        await handler.DrainAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60)); // backoff 1 s, then 2 s
        Assert.True(ledger.Appends >= 3);
        Assert.Equal(5, _host.Ledger.Size);
        foreach (var batch in batches)
        {
            Assert.NotNull(await _host.Anchors.FindAsync(batch.Signed.Hash, CancellationToken.None));
        }
    }

    [Fact]
    public async Task Stopping_anchors_what_is_queued_and_later_batches_are_left_to_the_catch_up()
    {
        var ledger = new GatedLedger(_host.Ledger) { HoldFirst = true };
        using var handler = Handler(ledger);
        var batches = Accepted(11);
        foreach (var batch in batches.Take(10))
        {
            await handler.HandleAsync(batch, CancellationToken.None);
        }

        var stopping = handler.StopAsync(CancellationToken.None);
        ledger.Release();
        await stopping.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(10, _host.Ledger.Size);

        await handler.HandleAsync(batches[10], CancellationToken.None); // after stop: not queued, no exception
        Assert.Null(await _host.Anchors.FindAsync(batches[10].Signed.Hash, CancellationToken.None));
        await handler.DrainAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Batches_arriving_within_the_append_interval_wait_and_go_in_one_append()
    {
        var ledger = new GatedLedger(_host.Ledger);
        using var handler = Handler(ledger, TimeSpan.FromSeconds(3));
        var batches = Accepted(21);
        await handler.HandleAsync(batches[0], CancellationToken.None);
        await handler.DrainAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)); // the first append does not wait
        foreach (var batch in batches.Skip(1))
        {
            await handler.HandleAsync(batch, CancellationToken.None);
            await Task.Delay(20); // 400 ms in all, well inside the interval: without it the loop would append the first at once
        }

        await handler.DrainAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([1, 20], ledger.GroupSizes);
    }

    [Fact]
    public void Disposing_twice_is_harmless()
    {
        // A host registers the handler as itself and as an IAcceptedBatchHandler, and disposes it once for each.
        var handler = Handler(_host.Ledger);
        handler.Dispose();
        handler.Dispose();
    }

    private LedgerAnchorHandler Handler(ILedger ledger, TimeSpan? appendInterval = null) =>
        new(ledger, _host.Anchors, _host.Organization.KeyId, NullLogger<LedgerAnchorHandler>.Instance, appendInterval: appendInterval ?? TimeSpan.Zero);

    private List<AcceptedBatch> Accepted(int count)
    {
        var enrollment = new DeviceEnrollment(_key.Id, _key.PublicKeySpki, "patient-q", DateTimeOffset.UnixEpoch);
        var result = new List<AcceptedBatch>();
        var previous = BatchHash.Zero;
        for (var i = 0; i < count; i++)
        {
            var batch = new SensorBatch(_key.Id, (ulong)i, previous, 1_767_254_400_000 + (i * 1000L), 1000, new byte[BatchFormat.SaltSize],
                [ChannelBlock.FromValues(SensorKind.HeartRate, 1, [70 + i])]);
            var signed = BatchCodec.Sign(batch, _key);
            previous = signed.Hash;
            result.Add(new AcceptedBatch(signed, enrollment, DateTimeOffset.UnixEpoch.AddSeconds(i), []));
        }

        return result;
    }
}

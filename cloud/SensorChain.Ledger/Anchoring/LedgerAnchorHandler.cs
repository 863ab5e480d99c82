using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SensorChain.Ingest.Pipeline;
using SensorChain.Ingest.Storage;
using SensorChain.Protocol;

namespace SensorChain.Ledger.Anchoring;

/// <summary>
/// Anchors every accepted batch on the ledger as a hiding commitment and records where (batch hash → leaf index).
/// Accepted batches are queued and anchored in the background, everything queued meanwhile in one append (one signed,
/// witnessed checkpoint for the group instead of one per batch), so ingest does not wait for the ledger. The batch is
/// already durable in the store when it is queued: what a crash or a long ledger outage leaves unanchored,
/// <see cref="CatchUpAsync"/> anchors at the next start. Idempotent: a batch already anchored, or whose leaf is already
/// in the log (crash between append and record), is not appended again.
/// </summary>
public sealed partial class LedgerAnchorHandler : IAcceptedBatchHandler, IDisposable
{
    /// <summary>Most batches appended together.</summary>
    public const int MaxGroup = 512;

    /// <summary>Most batches waiting; beyond it (the ledger down for a long time) they are left to the catch-up.</summary>
    public const int QueueCapacity = 100_000;

    /// <summary>
    /// Default least time between the starts of two appends. Every append is a checkpoint signed by the log and verified
    /// and cosigned by every witness, whatever its size, so the loop lets a group gather instead of appending as soon as
    /// one batch is there: under load, one append per quarter second carries every batch of that quarter second.
    /// </summary>
    public static readonly TimeSpan DefaultAppendInterval = TimeSpan.FromMilliseconds(250);

    private readonly AnchorStore _anchors;
    private readonly BatchAnchorer _anchorer;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _appendInterval;
    private readonly Channel<AnchorRequest> _queue = Channel.CreateBounded<AnchorRequest>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _progress = new();
    private readonly List<(long Target, TaskCompletionSource Done)> _drainWaiters = [];
    private readonly Task _loop;
    private long _queued;
    private long _handled;
    private long _leftOut;
    private int _disposed;

    /// <summary>Creates the handler for the organization whose ledger key ID is <paramref name="orgKeyId"/>.</summary>
    /// <param name="appendInterval">Least time between two appends (default <see cref="DefaultAppendInterval"/>).</param>
    public LedgerAnchorHandler(ILedger ledger, AnchorStore anchors, uint orgKeyId, ILogger<LedgerAnchorHandler> logger, TimeProvider? time = null, TimeSpan? appendInterval = null)
    {
        _anchors = anchors;
        _anchorer = new BatchAnchorer(ledger, anchors, orgKeyId, logger);
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _appendInterval = appendInterval ?? DefaultAppendInterval;
        _loop = Task.Run(RunAsync);
    }

    /// <inheritdoc />
    public string Name => "ledger";

    /// <inheritdoc />
    public ValueTask HandleAsync(AcceptedBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var request = new AnchorRequest(batch.Signed.Hash, batch.Signed.Device, batch.Signed.Sequence, batch.PatientId, batch.ReceivedAt);
        lock (_progress)
        {
            if (_queue.Writer.TryWrite(request))
            {
                _queued++;
                return ValueTask.CompletedTask;
            }
        }

        // Logged for the first and then every 1,000th, so a long ledger outage does not flood the log.
        var leftOut = Interlocked.Increment(ref _leftOut);
        if (leftOut == 1 || leftOut % 1000 == 0)
        {
            LogLeftForCatchUp(_logger, batch.Signed.Device, batch.Signed.Sequence, leftOut);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Completes when every batch queued before the call has been anchored (or left to the catch-up).</summary>
    public Task DrainAsync(CancellationToken cancellationToken)
    {
        lock (_progress)
        {
            if (_handled >= _queued)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _drainWaiters.Add((_queued, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Stops taking batches and anchors what is queued; on <paramref name="cancellationToken"/> leaves the rest to the catch-up.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        using (cancellationToken.Register(() => _stopping.Cancel()))
        {
            await _loop.ConfigureAwait(false);
        }
    }

    /// <summary>Anchors one batch now (no-op when already anchored); returns its anchor.</summary>
    public async Task<AnchorRecord> AnchorAsync(BatchHash hash, DeviceId device, ulong sequence, string patientId, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        (await _anchorer.AnchorAsync([new AnchorRequest(hash, device, sequence, patientId, receivedAt)], cancellationToken))[0];

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
            var missing = new List<AnchorRequest>();
            for (ulong sequence = 0; sequence <= head.Sequence; sequence++)
            {
                if (!anchored.Contains(sequence) && await store.GetBatchAsync(device.Device, sequence, cancellationToken) is { } batch)
                {
                    missing.Add(new AnchorRequest(batch.Hash, device.Device, sequence, device.PatientId, batch.ReceivedAt));
                }
            }

            foreach (var chunk in missing.Chunk(MaxGroup))
            {
                await _anchorer.AnchorAsync(chunk, cancellationToken);
            }

            count += missing.Count;
        }

        if (count > 0)
        {
            LogCaughtUp(_logger, count);
        }

        return count;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Idempotent: a host registers the handler under two service types and disposes it for each.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.Writer.TryComplete();
        _stopping.Cancel();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // the loop logs its own failures
        }

        _stopping.Dispose();
        _anchorer.Dispose();
    }

    private async Task RunAsync()
    {
        var group = new List<AnchorRequest>(MaxGroup);
        var lastAppend = 0L;
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            var since = _time.GetElapsedTime(lastAppend);
            if (lastAppend != 0 && since < _appendInterval && !_stopping.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(_appendInterval - since, _time, _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // stopping: append what is there now
                }
            }

            lastAppend = _time.GetTimestamp();
            while (group.Count < MaxGroup && _queue.Reader.TryRead(out var request))
            {
                group.Add(request);
            }

            await AnchorWithRetriesAsync(group).ConfigureAwait(false);
            lock (_progress)
            {
                _handled += group.Count;
                foreach (var waiter in _drainWaiters.Where(w => w.Target <= _handled).ToList())
                {
                    waiter.Done.TrySetResult();
                    _drainWaiters.Remove(waiter);
                }
            }

            group.Clear();
        }
    }

    // The ledger may be away (a consortium node restarting): retry with backoff until it answers or the host stops.
    private async Task AnchorWithRetriesAsync(List<AnchorRequest> group)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                await _anchorer.AnchorAsync(group, _stopping.Token).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (!_stopping.IsCancellationRequested)
            {
                LogAnchorFailed(_logger, ex, group.Count, delay);
            }
            catch (Exception)
            {
                LogStoppedWithQueued(_logger, group.Count);
                return;
            }

            try
            {
                await Task.Delay(delay, _time, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                LogStoppedWithQueued(_logger, group.Count);
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ledger catch-up anchored {Count} stored batches")]
    private static partial void LogCaughtUp(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Anchoring {Count} batches failed; retrying in {Delay}")]
    private static partial void LogAnchorFailed(ILogger logger, Exception exception, int count, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped with {Count} batches not anchored; the catch-up anchors them at the next start")]
    private static partial void LogStoppedWithQueued(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {Device}/{Sequence} not queued for anchoring (queue full or stopping; {Total} so far); the catch-up anchors them at the next start")]
    private static partial void LogLeftForCatchUp(ILogger logger, DeviceId device, ulong sequence, long total);

}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SensorChain.Edge.Acquisition;
using SensorChain.Edge.Outbox;
using SensorChain.Protocol;
using SensorChain.Transport;

namespace SensorChain.Edge.Gateway;

/// <summary>
/// The gateway pipeline: acquire a window → assemble the next batch of the chain → sign → store in the outbox
/// (durable) → publish in sequence order with a bounded in-flight window → remove only after acknowledgement.
/// A failed publish is retried with exponential backoff and jitter; nothing leaves the outbox unacknowledged.
/// </summary>
public sealed class EdgeGateway : IDisposable
{
    private readonly DeviceKey _key;
    private readonly IAcquisitionSource _source;
    private readonly IOutbox _outbox;
    private readonly IBatchPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly GatewayOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _pendingSignal = new(0, int.MaxValue);
    private readonly string _deviceText;
    private long _signed;
    private long _acknowledged;
    private long _failures;
    private long _samples;

    /// <summary>Creates a gateway; nothing runs until <see cref="RunAsync"/> or the step methods are called.</summary>
    public EdgeGateway(DeviceKey key, IAcquisitionSource source, IOutbox outbox, IBatchPublisher publisher, TimeProvider time, GatewayOptions? options = null, ILogger<EdgeGateway>? logger = null)
    {
        _key = key;
        _source = source;
        _outbox = outbox;
        _publisher = publisher;
        _time = time;
        _options = options ?? new GatewayOptions();
        _logger = logger ?? NullLogger<EdgeGateway>.Instance;
        _deviceText = key.Id.ToString();
    }

    /// <summary>The device id (hash of the key).</summary>
    public DeviceId DeviceId => _key.Id;

    /// <summary>Current counters.</summary>
    public GatewayStats Stats => new(Interlocked.Read(ref _signed), Interlocked.Read(ref _acknowledged), Interlocked.Read(ref _failures), Interlocked.Read(ref _samples));

    /// <summary>Runs acquisition and publishing until cancelled. Windows are aligned to multiples of the batch duration.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var chain = await _outbox.GetChainStateAsync(cancellationToken);
        var pending = await _outbox.CountAsync(cancellationToken);
        GatewayLog.Started(_logger, _deviceText, chain.NextSequence, pending);
        var publishing = PublishLoopAsync(cancellationToken);
        var acquiring = AcquireLoopAsync(cancellationToken);
        try
        {
            await Task.WhenAll(publishing, acquiring);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            var stats = Stats;
            GatewayLog.Stopped(_logger, _deviceText, stats.Signed, stats.Acknowledged);
        }
    }

    /// <summary>Acquires, signs and stores the window starting at <paramref name="startUnixMs"/>; returns the signed batch.</summary>
    public async Task<SignedBatch> AcquireWindowAsync(long startUnixMs, CancellationToken cancellationToken)
    {
        var duration = (uint)_options.BatchDuration.TotalMilliseconds;
        var channels = await _source.ReadWindowAsync(startUnixMs, duration, cancellationToken);
        var chain = await _outbox.GetChainStateAsync(cancellationToken);
        var batch = BatchAssembler.Assemble(_key.Id, chain, startUnixMs, duration, channels);
        var signed = BatchCodec.Sign(batch, _key);
        await _outbox.AppendAsync(signed, cancellationToken);
        Interlocked.Increment(ref _signed);
        Interlocked.Add(ref _samples, batch.SampleCount);
        _pendingSignal.Release();
        return signed;
    }

    /// <summary>
    /// Publishes what is pending, up to the in-flight window at a time, until the outbox is empty or a publish fails.
    /// Returns the number acknowledged; a failure is counted and left for the next call.
    /// </summary>
    public async Task<int> DrainOnceAsync(CancellationToken cancellationToken)
    {
        var acknowledged = 0;
        while (true)
        {
            var entries = await _outbox.PeekAsync(_options.MaxInFlight, -1, cancellationToken);
            if (entries.Count == 0)
            {
                return acknowledged;
            }

            // Publish the window concurrently; the transport keeps them in order on the wire.
            var attempts = entries.Select(e => PublishOneAsync(e, cancellationToken)).ToArray();
            var results = await Task.WhenAll(attempts);
            var failedAt = Array.FindIndex(results, r => r is not null);
            acknowledged += results.Count(r => r is null);
            if (failedAt >= 0)
            {
                throw new TransportException($"Batch {entries[failedAt].Sequence} was not acknowledged: {results[failedAt]}");
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _pendingSignal.Dispose();

    /// <summary>Publishes one entry; returns null on acknowledgement, else why it failed.</summary>
    private async Task<string?> PublishOneAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await _publisher.PublishAsync(_deviceText, entry.Sequence, entry.Bytes, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _failures);
            return ex.Message;
        }

        await _outbox.RemoveAsync(entry.Sequence, cancellationToken);
        Interlocked.Increment(ref _acknowledged);
        return null;
    }

    private async Task AcquireLoopAsync(CancellationToken cancellationToken)
    {
        var durationMs = (long)_options.BatchDuration.TotalMilliseconds;
        var next = _time.GetUtcNow().ToUnixTimeMilliseconds() / durationMs * durationMs;
        while (!cancellationToken.IsCancellationRequested)
        {
            var windowEnd = next + durationMs;
            var wait = windowEnd - _time.GetUtcNow().ToUnixTimeMilliseconds();
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait), _time, cancellationToken);
            }

            try
            {
                await AcquireWindowAsync(next, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                GatewayLog.AcquisitionFailed(_logger, _deviceText, next, ex);
            }

            next = windowEnd;
        }
    }

    private async Task PublishLoopAsync(CancellationToken cancellationToken)
    {
        var delay = _options.RetryInitial;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await DrainOnceAsync(cancellationToken);
                delay = _options.RetryInitial;
                await _pendingSignal.WaitAsync(_options.IdlePoll, cancellationToken);
            }
            catch (TransportException ex)
            {
                var jittered = TimeSpan.FromMilliseconds(delay.TotalMilliseconds * (0.5 + Random.Shared.NextDouble()));
                GatewayLog.PublishFailed(_logger, _deviceText, (long)jittered.TotalMilliseconds, ex.Message);
                await Task.Delay(jittered, _time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.RetryMax.Ticks));
            }
        }
    }
}

using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SensorChain.Ingest.Pipeline;

namespace SensorChain.TimeSeries;

/// <summary>
/// Writes derived numerics of every accepted batch to InfluxDB 1.x / VictoriaMetrics as line protocol.
/// <see cref="HandleAsync"/> only formats and enqueues: it never waits for the network. A background flusher posts
/// up to <see cref="TimeSeriesSinkOptions.BatchSize"/> points per request and retries with capped exponential
/// back-off while the server is down. The buffer holds at most <see cref="TimeSeriesSinkOptions.Capacity"/> points
/// (plus one batch in flight); when it is full the oldest points are dropped, counted in <see cref="Stats"/>, exported
/// as metrics (meter <c>SensorChain.TimeSeries</c>) and logged.
/// </summary>
public sealed class TimeSeriesSink : IAcceptedBatchHandler, IAsyncDisposable
{
    /// <summary>Meter name for the sink's counters.</summary>
    public const string MeterName = "SensorChain.TimeSeries";

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private readonly HttpClient _http;
    private readonly TimeSeriesSinkOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<string> _buffer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Meter _meter;
    private readonly Task _flusher;
    private long _enqueued;
    private long _written;
    private long _dropped;
    private long _rejected;
    private long _inFlight;
    private long _failedWrites;
    private int _disposed;

    /// <summary>Starts the background flusher.</summary>
    public TimeSeriesSink(HttpClient http, TimeSeriesSinkOptions options, TimeProvider timeProvider, ILogger<TimeSeriesSink>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        _http = http;
        _options = options;
        _time = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _buffer = Channel.CreateBounded<string>(
            new BoundedChannelOptions(options.Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => OnDropped());
        _meter = new Meter(MeterName);
        _meter.CreateObservableCounter("sensorchain.timeseries.points.written", () => Interlocked.Read(ref _written), "{point}");
        _meter.CreateObservableCounter("sensorchain.timeseries.points.dropped", () => Interlocked.Read(ref _dropped), "{point}");
        _meter.CreateObservableCounter("sensorchain.timeseries.points.rejected", () => Interlocked.Read(ref _rejected), "{point}");
        _meter.CreateObservableGauge("sensorchain.timeseries.points.pending", () => Stats.Pending, "{point}");
        _flusher = Task.Run(() => FlushLoopAsync(_stop.Token));
    }

    /// <inheritdoc />
    public string Name => "timeseries";

    /// <summary>Current counters.</summary>
    public TimeSeriesSinkStats Stats =>
        new(
            Interlocked.Read(ref _enqueued),
            Interlocked.Read(ref _written),
            Interlocked.Read(ref _dropped),
            Interlocked.Read(ref _rejected),
            _buffer.Reader.Count + Interlocked.Read(ref _inFlight),
            Interlocked.Read(ref _failedWrites));

    /// <inheritdoc />
    public ValueTask HandleAsync(AcceptedBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var line in DerivedNumerics.ToLines(batch.Batch, batch.PatientId))
        {
            Enqueue(line);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Enqueues one already formatted line (never blocks; drops the oldest when full).</summary>
    public void Enqueue(string line)
    {
        if (_buffer.Writer.TryWrite(line))
        {
            Interlocked.Increment(ref _enqueued);
        }
    }

    /// <summary>Waits until everything enqueued so far is written, rejected or dropped (or the timeout passes).</summary>
    public async Task<bool> DrainAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + timeout;
        while (Stats.Pending > 0)
        {
            if (_time.GetUtcNow() >= deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), _time, cancellationToken);
        }

        return true;
    }

    /// <summary>Stops accepting points, tries to flush what is buffered for up to 5 s, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        // Idempotent: a DI container disposes it once per registration (as itself and as an ingest handler).
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _buffer.Writer.TryComplete();
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5), _time))
        {
            try
            {
                await _flusher.WaitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        await _stop.CancelAsync();
        try
        {
            await _flusher;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _meter.Dispose();
    }

    private void OnDropped()
    {
        var dropped = Interlocked.Increment(ref _dropped);
        if (IsPowerOfTen(dropped))
        {
            TimeSeriesLog.BufferFull(_logger, dropped);
        }
    }

    private static bool IsPowerOfTen(long value)
    {
        while (value >= 10 && value % 10 == 0)
        {
            value /= 10;
        }

        return value == 1;
    }

    private async Task FlushLoopAsync(CancellationToken cancellationToken)
    {
        var batch = new List<string>(_options.BatchSize);
        var failures = 0;
        while (await _buffer.Reader.WaitToReadAsync(cancellationToken))
        {
            while (batch.Count < _options.BatchSize && _buffer.Reader.TryRead(out var line))
            {
                batch.Add(line);
            }

            Interlocked.Exchange(ref _inFlight, batch.Count);
            while (batch.Count > 0)
            {
                var (status, reason) = await PostAsync(batch, cancellationToken);
                if (status is { } code && (int)code is >= 200 and < 300)
                {
                    Interlocked.Add(ref _written, batch.Count);
                    if (failures > 0)
                    {
                        TimeSeriesLog.Recovered(_logger, failures);
                        failures = 0;
                    }

                    break;
                }

                if (status is { } refused && IsPermanent(refused))
                {
                    Interlocked.Add(ref _rejected, batch.Count);
                    TimeSeriesLog.WriteRejected(_logger, batch.Count, (int)refused);
                    break;
                }

                failures++;
                Interlocked.Increment(ref _failedWrites);
                var delay = TimeSpan.FromMilliseconds(Math.Min(_options.RetryCeiling.TotalMilliseconds, 50 * Math.Pow(2, Math.Min(failures, 16))));
                TimeSeriesLog.WriteFailed(_logger, batch.Count, reason, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, _time, cancellationToken);
            }

            batch.Clear();
            Interlocked.Exchange(ref _inFlight, 0);
        }
    }

    private static bool IsPermanent(HttpStatusCode status) =>
        (int)status is >= 400 and < 500 && status is not HttpStatusCode.NotFound and not HttpStatusCode.TooManyRequests and not HttpStatusCode.RequestTimeout;

    private async Task<(HttpStatusCode? Status, string Reason)> PostAsync(List<string> lines, CancellationToken cancellationToken)
    {
        var body = new StringBuilder(lines.Count * 64);
        foreach (var line in lines)
        {
            body.Append(line).Append('\n');
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            using var content = new StringContent(body.ToString(), Encoding.UTF8, "text/plain");
            using var response = await _http.PostAsync(_options.WriteUri, content, timeout.Token);
            return (response.StatusCode, "HTTP " + (int)response.StatusCode);
        }
        catch (HttpRequestException ex)
        {
            return (null, ex.HttpRequestError.ToString());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "timeout");
        }
    }
}

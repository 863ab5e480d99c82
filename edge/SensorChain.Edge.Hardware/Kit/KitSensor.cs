using SensorChain.Protocol;

namespace SensorChain.Edge.Hardware.Kit;

/// <summary>
/// One configured sensor of the kit. <see cref="Poll"/> is called by the acquisition loop when due and never throws:
/// an I/O failure marks the channels DeviceFault and the sensor re-initialises (a re-plugged chip starts from its
/// power-on registers) on a later poll.
/// </summary>
public abstract class KitSensor : IDisposable
{
    private double _retryAtMs;

    /// <summary>Name for logs (chip@address).</summary>
    public abstract string Name { get; }

    /// <summary>How often the loop should call <see cref="Poll"/>.</summary>
    public abstract double PollIntervalMs { get; }

    /// <summary>True while the device is not answering.</summary>
    public bool Faulted { get; private set; }

    /// <summary>Number of I/O failures seen.</summary>
    public long Faults { get; private set; }

    /// <summary>Last failure message (for logs).</summary>
    public string? LastError { get; private set; }

    /// <summary>Series this sensor fills (for fault flags).</summary>
    protected abstract IEnumerable<TimedSeries> AllSeries { get; }

    private bool _initialised;

    /// <summary>Polls the device; never throws.</summary>
    public void Poll(double nowMs)
    {
        if (Faulted && nowMs < _retryAtMs)
        {
            return;
        }

        try
        {
            if (!_initialised)
            {
                Initialise(nowMs);
                _initialised = true;
            }

            Read(nowMs);
            Faulted = false;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or TimeoutException or UnauthorizedAccessException)
        {
            Faults++;
            LastError = ex.Message;
            Faulted = true;
            _initialised = false;
            _retryAtMs = nowMs + 500;
            foreach (var series in AllSeries)
            {
                series.Flag(nowMs, SignalQuality.DeviceFault);
            }

            OnFault();
        }
    }

    /// <summary>Adds the window's channel blocks.</summary>
    public abstract void Collect(long startMs, uint durationMs, List<ChannelBlock> output);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Configures the device (checks its ID).</summary>
    protected abstract void Initialise(double nowMs);

    /// <summary>Reads what the device has.</summary>
    protected abstract void Read(double nowMs);

    /// <summary>Called after a failure (reset estimators).</summary>
    protected virtual void OnFault()
    {
    }

    /// <summary>Releases resources.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Builds a regular block from a series with flags (faults, gaps, stuck values).</summary>
    protected ChannelBlock Block(SensorKind kind, TimedSeries series, long startMs, uint durationMs, double rateHz, SignalQuality extra = SignalQuality.Good, double stuckSeconds = 0)
    {
        var values = series.Resample(startMs, durationMs, rateHz, out var incomplete);
        var quality = extra | series.FlagsIn(startMs, startMs + durationMs);
        if (incomplete)
        {
            quality |= SignalQuality.Incomplete;
        }

        if (Faulted)
        {
            quality |= SignalQuality.DeviceFault;
        }

        // Stuck is judged on the samples actually read, not on the gap-filled grid.
        if (stuckSeconds > 0 && IsStuck(series.Raw(startMs, startMs + durationMs).ConvertAll(s => s.V).ToArray(), (int)(stuckSeconds * rateHz)))
        {
            quality |= SignalQuality.Stuck;
        }

        return ChannelBlock.FromValues(kind, rateHz, values, quality);
    }

    /// <summary>True when some run of identical values is at least <paramref name="run"/> long.</summary>
    protected static bool IsStuck(ReadOnlySpan<double> values, int run)
    {
        if (run < 2 || values.Length < run)
        {
            return false;
        }

        var length = 1;
        for (var i = 1; i < values.Length; i++)
        {
            length = values[i] == values[i - 1] ? length + 1 : 1;
            if (length >= run)
            {
                return true;
            }
        }

        return false;
    }
}

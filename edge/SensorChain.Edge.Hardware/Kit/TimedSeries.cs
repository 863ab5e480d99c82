namespace SensorChain.Edge.Hardware.Kit;

/// <summary>
/// Timestamped samples of one channel (Unix ms) and the quality events that hit it; extracts a window resampled
/// onto the channel's regular grid (nearest sample within one period; gaps are filled with the previous value and
/// flagged Incomplete). Thread-safe; keeps the last 30 s.
/// </summary>
public sealed class TimedSeries
{
    private const double KeepMs = 30_000;
    private readonly Lock _gate = new();
    private readonly List<(double T, double V)> _samples = [];
    private readonly List<(double T, Protocol.SignalQuality Q)> _events = [];

    /// <summary>Adds a sample.</summary>
    public void Add(double unixMs, double value)
    {
        lock (_gate)
        {
            _samples.Add((unixMs, value));
            // Prune in chunks (when the oldest is twice the retention old) so adding stays O(1) amortised.
            if (_samples.Count > 4096 && _samples[0].T < unixMs - (2 * KeepMs))
            {
                _samples.RemoveRange(0, _samples.FindIndex(s => s.T >= unixMs - KeepMs));
            }
        }
    }

    /// <summary>Records a quality event at an instant.</summary>
    public void Flag(double unixMs, Protocol.SignalQuality quality)
    {
        lock (_gate)
        {
            _events.Add((unixMs, quality));
            if (_events.Count > 1024)
            {
                _events.RemoveRange(0, 512);
            }
        }
    }

    /// <summary>Samples with time in [start, end).</summary>
    public List<(double T, double V)> Raw(double startMs, double endMs)
    {
        lock (_gate)
        {
            return _samples.FindAll(s => s.T >= startMs && s.T < endMs);
        }
    }

    /// <summary>Flags raised in [start, end).</summary>
    public Protocol.SignalQuality FlagsIn(double startMs, double endMs)
    {
        var q = Protocol.SignalQuality.Good;
        lock (_gate)
        {
            foreach (var (t, flag) in _events)
            {
                if (t >= startMs && t < endMs)
                {
                    q |= flag;
                }
            }
        }

        return q;
    }

    /// <summary>Values on the grid start + i/rate for the window; empty when no sample is near any slot.</summary>
    public double[] Resample(long startMs, uint durationMs, double rateHz, out bool incomplete)
    {
        var slots = (int)Math.Round(durationMs * rateHz / 1000);
        var period = 1000 / rateHz;
        var raw = Raw(startMs - period, startMs + durationMs + period);
        var values = new double[slots];
        incomplete = false;
        if (raw.Count == 0)
        {
            incomplete = slots > 0;
            return [];
        }

        var j = 0;
        var last = double.NaN;
        var filled = 0;
        for (var i = 0; i < slots; i++)
        {
            var t = startMs + (i * period);
            while (j + 1 < raw.Count && Math.Abs(raw[j + 1].T - t) <= Math.Abs(raw[j].T - t))
            {
                j++;
            }

            if (Math.Abs(raw[j].T - t) <= period)
            {
                last = raw[j].V;
                values[i] = last;
                filled++;
            }
            else
            {
                incomplete = true;
                values[i] = double.IsNaN(last) ? raw[j].V : last;
            }
        }

        return filled == 0 ? [] : values;
    }
}

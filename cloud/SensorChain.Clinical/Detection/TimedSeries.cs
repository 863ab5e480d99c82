namespace SensorChain.Clinical.Detection;

/// <summary>Recent (time, value) samples of one numeric vital, pruned by age.</summary>
internal sealed class TimedSeries(TimeSpan keep)
{
    private readonly List<(long T, double V)> _samples = [];

    public int Count => _samples.Count;

    public (long T, double V) Last => _samples[^1];

    public void Add(long t, double v)
    {
        if (!double.IsFinite(v))
        {
            return;
        }

        _samples.Add((t, v));
        var cutoff = t - (long)keep.TotalMilliseconds;
        var drop = 0;
        while (drop < _samples.Count && _samples[drop].T < cutoff)
        {
            drop++;
        }

        if (drop > 0)
        {
            _samples.RemoveRange(0, drop);
        }
    }

    /// <summary>Median of the samples in (now − span, now]; null with fewer than <paramref name="minCount"/>.</summary>
    public double? Median(long now, TimeSpan span, int minCount = 1)
    {
        var from = now - (long)span.TotalMilliseconds;
        var values = new List<double>();
        foreach (var (t, v) in _samples)
        {
            if (t > from && t <= now)
            {
                values.Add(v);
            }
        }

        if (values.Count < minCount || values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /// <summary>Median of the last (up to) <paramref name="count"/> values not older than <paramref name="maxAge"/>, or null.</summary>
    public double? MedianOfLast(long now, TimeSpan maxAge, int count)
    {
        var values = new List<double>(count);
        for (var i = _samples.Count - 1; i >= 0 && values.Count < count; i--)
        {
            if (now - _samples[i].T <= maxAge.TotalMilliseconds)
            {
                values.Add(_samples[i].V);
            }
        }

        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /// <summary>The latest value not older than <paramref name="maxAge"/>, or null.</summary>
    public double? Latest(long now, TimeSpan maxAge) =>
        _samples.Count > 0 && now - _samples[^1].T <= maxAge.TotalMilliseconds ? _samples[^1].V : null;
}

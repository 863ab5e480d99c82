namespace SensorChain.Clinical.Anomalies;

/// <summary>
/// Streaming, causal anomaly score for one numeric vital of one patient: each value is compared with the median and
/// MAD (median absolute deviation) of the previous <c>window</c> values; the robust z-score |x − median| / (1.4826·MAD)
/// maps to [0,1] as 1 − exp(−max(0, z − 2)/3). The score of a value uses only the values before it.
/// </summary>
public sealed class RobustAnomalyDetector : IAnomalyScorer
{
    private readonly Queue<double> _history = new();
    private readonly int _window;
    private readonly int _warmup;
    private readonly double _minScale;

    /// <param name="window">History length used for the baseline.</param>
    /// <param name="warmup">Values needed before scores above 0 are given.</param>
    /// <param name="minScale">Floor of the robust scale (avoids infinite scores on constant series).</param>
    public RobustAnomalyDetector(int window = 120, int warmup = 10, double minScale = 1e-3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 3);
        _window = window;
        _warmup = Math.Clamp(warmup, 3, window);
        _minScale = minScale;
    }

    /// <inheritdoc />
    public double Update(double value)
    {
        if (!double.IsFinite(value))
        {
            return 0;
        }

        var score = 0.0;
        if (_history.Count >= _warmup)
        {
            var values = _history.ToArray();
            var median = Median(values);
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Math.Abs(values[i] - median);
            }

            var scale = Math.Max(1.4826 * Median(values), Math.Max(_minScale, Math.Abs(median) * 1e-3));
            var z = Math.Abs(value - median) / scale;
            score = Math.Clamp(1 - Math.Exp(-Math.Max(0, z - 2) / 3), 0, 1);
        }

        _history.Enqueue(value);
        if (_history.Count > _window)
        {
            _history.Dequeue();
        }

        return score;
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        var n = values.Length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}

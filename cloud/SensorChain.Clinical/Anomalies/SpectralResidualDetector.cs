using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace SensorChain.Clinical.Anomalies;

/// <summary>
/// Spectral residual (SR) anomaly score (Ren et al., "Time-Series Anomaly Detection Service at Microsoft", KDD 2019),
/// streaming and causal: for each new value the last <c>window</c> values (the new one last) are extended by
/// <c>5</c> points extrapolated from the slope before it (so the newest value is not at the FFT's edge), transformed with
/// MathNet's FFT; the log-amplitude spectrum minus its 3-point moving average (the spectral residual) is transformed
/// back with the original phases, giving a saliency map. The newest value's saliency s is compared with the window's
/// mean saliency m: r = (s − m)/m, score = 1 − exp(−max(0, r − 3)/3), in [0,1] (ordinary variation of a resting heart rate stays below r = 3).
/// </summary>
public sealed class SpectralResidualDetector : IAnomalyScorer
{
    private const int Extension = 5;
    private const int AverageWidth = 3;
    private readonly Queue<double> _history = new();
    private readonly int _window;
    private readonly int _warmup;

    /// <param name="window">Values per transform (the newest included).</param>
    /// <param name="warmup">Values needed before scores above 0 are given.</param>
    public SpectralResidualDetector(int window = 64, int warmup = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 8);
        _window = window;
        _warmup = Math.Clamp(warmup, 8, window);
    }

    /// <inheritdoc />
    public double Update(double value)
    {
        if (!double.IsFinite(value))
        {
            return 0;
        }

        _history.Enqueue(value);
        if (_history.Count > _window)
        {
            _history.Dequeue();
        }

        if (_history.Count < _warmup)
        {
            return 0;
        }

        var score = Score([.. _history]);
        return double.IsFinite(score) ? Math.Clamp(score, 0, 1) : 0;
    }

    private static double Score(double[] values)
    {
        var n = values.Length;

        // Centre and scale the window so the spectrum does not depend on the vital's unit or level.
        var mean = values.Average();
        var spread = 0.0;
        foreach (var v in values)
        {
            spread = Math.Max(spread, Math.Abs(v - mean));
        }

        if (spread <= 1e-12 * Math.Max(1, Math.Abs(mean)))
        {
            return 0;
        }

        var x = new Complex[n + Extension];
        for (var i = 0; i < n; i++)
        {
            x[i] = (values[i] - mean) / spread;
        }

        // Estimated continuation from the values before the newest one (their mean recent slope), so a newest value
        // that breaks the pattern stands out on both sides instead of being carried on by the extension.
        var m = Math.Min(Extension, n - 2);
        var gradient = 0.0;
        for (var i = 1; i <= m; i++)
        {
            gradient += (x[n - 2].Real - x[n - 2 - i].Real) / i;
        }

        gradient /= m;
        for (var i = n; i < x.Length; i++)
        {
            x[i] = x[n - 2].Real + gradient * (i - n + 2);
        }

        Fourier.Forward(x, FourierOptions.Default);
        var logAmplitude = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            logAmplitude[i] = Math.Log(x[i].Magnitude + 1e-8);
        }

        for (var i = 0; i < x.Length; i++)
        {
            var sum = 0.0;
            var count = 0;
            for (var j = Math.Max(0, i - AverageWidth / 2); j <= Math.Min(x.Length - 1, i + AverageWidth / 2); j++)
            {
                sum += logAmplitude[j];
                count++;
            }

            var residual = logAmplitude[i] - sum / count;
            var magnitude = x[i].Magnitude;
            x[i] = magnitude < 1e-12 ? Complex.Zero : x[i] / magnitude * Math.Exp(residual);
        }

        Fourier.Inverse(x, FourierOptions.Default);
        var saliencyMean = 0.0;
        for (var i = 0; i < n; i++)
        {
            saliencyMean += x[i].Magnitude;
        }

        saliencyMean /= n;
        if (saliencyMean <= 1e-12)
        {
            return 0;
        }

        var r = (x[n - 1].Magnitude - saliencyMean) / saliencyMean;
        return 1 - Math.Exp(-Math.Max(0, r - 3) / 3);
    }
}

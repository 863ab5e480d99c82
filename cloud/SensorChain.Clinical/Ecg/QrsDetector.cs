namespace SensorChain.Clinical.Ecg;

/// <summary>
/// QRS (R-peak) detector of the Pan-Tompkins / Hamilton-Tompkins family on a whole record or window:
/// zero-phase 5–15 Hz band-pass (removes baseline wander and most muscle noise), five-point derivative, squaring,
/// 150 ms moving-window integration; adaptive thresholds from the medians of the last eight QRS and noise peaks;
/// 200 ms refractory period; T-wave discrimination by slope within 360 ms; search-back with half threshold when no
/// beat came for 1.66 × the mean RR interval; R-peak localisation on the filtered signal.
/// </summary>
public static class QrsDetector
{
    /// <summary>Detects R peaks; returns 0-based sample indices in increasing order.</summary>
    /// <param name="signal">ECG samples (any unit; NaN samples are held at the last finite value).</param>
    /// <param name="fs">Sampling rate in hertz (at least 50).</param>
    public static int[] Detect(ReadOnlySpan<double> signal, double fs, QrsDetectorOptions? options = null)
        => Analyze(signal, fs, options).Beats;

    /// <summary>
    /// Detects R peaks and recognises ventricular flutter/fibrillation episodes: inside such an episode there are no
    /// discrete QRS complexes, so no beats are reported there; the episode itself is the finding (an arrhythmia alarm).
    /// </summary>
    /// <param name="signal">ECG samples (any unit; NaN samples are held at the last finite value).</param>
    /// <param name="fs">Sampling rate in hertz (at least 50).</param>
    /// <param name="options">Tuning; default <see cref="QrsDetectorOptions.Default"/>.</param>
    public static QrsDetection Analyze(ReadOnlySpan<double> signal, double fs, QrsDetectorOptions? options = null)
    {
        options ??= QrsDetectorOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(fs, 50.0);
        var n = signal.Length;
        if (n < (int)(fs * 0.5))
        {
            return new QrsDetection([], []);
        }

        var bp = new double[n];
        var last = 0.0;
        for (var i = 0; i < n; i++)
        {
            var v = signal[i];
            if (double.IsFinite(v))
            {
                last = v;
            }

            bp[i] = last;
        }

        Biquad.HighPass(fs, options.LowCutHz).ForwardBackward(bp);
        Biquad.LowPass(fs, options.HighCutHz).ForwardBackward(bp);

        // Derivative (centred five-point), squared.
        var sq = new double[n];
        var slope = new double[n];
        for (var i = 2; i < n - 2; i++)
        {
            var d = (2 * bp[i + 1] + bp[i + 2] - bp[i - 2] - 2 * bp[i - 1]) / 8.0;
            slope[i] = Math.Abs(d);
            sq[i] = d * d;
        }

        // Centred moving-window integration over 150 ms.
        var window = Math.Max(3, (int)Math.Round(0.150 * fs));
        var half = window / 2;
        var mwi = new double[n];
        var sum = 0.0;
        for (var i = 0; i < n + half; i++)
        {
            if (i < n)
            {
                sum += sq[i];
            }

            if (i - window >= 0)
            {
                sum -= sq[i - window];
            }

            var centre = i - half;
            if (centre >= 0 && centre < n)
            {
                mwi[centre] = sum / window;
            }
        }

        var candidates = FindCandidates(mwi, (int)Math.Round(0.12 * fs));
        var peaks = Decide(candidates, mwi, slope, fs, options);
        var flutter = VentricularFlutterRecogniser.Find(mwi, peaks, fs);
        if (flutter.Count > 0)
        {
            peaks.RemoveAll(p => VentricularFlutterRecogniser.Inside(flutter, p));
        }

        return new QrsDetection(Localise(peaks, bp, fs), flutter);
    }

    private static List<int> FindCandidates(double[] mwi, int neighbourhood)
    {
        var result = new List<int>(mwi.Length / 100);
        var n = mwi.Length;
        for (var i = 1; i < n - 1; i++)
        {
            var v = mwi[i];
            if (v <= 0 || v < mwi[i - 1] || v <= mwi[i + 1])
            {
                continue;
            }

            var isMax = true;
            var lo = Math.Max(0, i - neighbourhood);
            var hi = Math.Min(n - 1, i + neighbourhood);
            for (var j = lo; j <= hi; j++)
            {
                if (mwi[j] > v)
                {
                    isMax = false;
                    break;
                }
            }

            if (isMax)
            {
                result.Add(i);
            }
        }

        return result;
    }

    private static List<int> Decide(List<int> candidates, double[] mwi, double[] slope, double fs, QrsDetectorOptions options)
    {
        var refractory = (int)Math.Round(options.RefractorySeconds * fs);
        var tWaveWindow = (int)Math.Round(options.TWaveWindowSeconds * fs);
        var slopeHalf = (int)Math.Round(0.075 * fs);
        var qrs = new PeakHistory(8);
        var noise = new PeakHistory(8);
        var rr = new PeakHistory(8);

        // Learning phase: one peak per second of the first eight seconds.
        var second = (int)fs;
        for (var s = 0; s < 8 && (s + 1) * second <= mwi.Length; s++)
        {
            var max = 0.0;
            for (var i = s * second; i < (s + 1) * second; i++)
            {
                max = Math.Max(max, mwi[i]);
            }

            qrs.Add(max);
            noise.Add(0);
        }

        rr.Add(fs);
        var accepted = new List<int>(candidates.Count);
        var lastQrs = -10 * (int)fs;
        var lastSlope = 0.0;
        var pendingNoise = new List<int>();

        foreach (var p in candidates)
        {
            var h = mwi[p];
            var threshold = noise.Median + options.ThresholdFraction * (qrs.Median - noise.Median);

            // Search back when a beat is overdue, repeatedly, so a run of small beats is recovered.
            while (accepted.Count > 0 && p - lastQrs > options.SearchBackFactor * rr.Mean && pendingNoise.Count > 0)
            {
                var best = -1;
                foreach (var c in pendingNoise)
                {
                    if (c - lastQrs >= refractory && p - c >= refractory && mwi[c] > options.SearchBackFraction * threshold
                        && (best < 0 || mwi[c] > mwi[best]))
                    {
                        best = c;
                    }
                }

                if (best < 0)
                {
                    pendingNoise.Clear();
                    break;
                }

                rr.Add(best - lastQrs);
                accepted.Add(best);
                qrs.Add(mwi[best]);
                lastQrs = best;
                lastSlope = MaxSlope(slope, best, slopeHalf);
                threshold = noise.Median + options.ThresholdFraction * (qrs.Median - noise.Median);
                pendingNoise.RemoveAll(c => c <= best);
            }

            if (p - lastQrs < refractory)
            {
                continue;
            }

            if (h > threshold)
            {
                var s = MaxSlope(slope, p, slopeHalf);
                if (accepted.Count > 0 && p - lastQrs < tWaveWindow && s < options.TWaveSlopeRatio * lastSlope)
                {
                    noise.Add(h);
                    pendingNoise.Add(p);
                    continue;
                }

                if (accepted.Count > 0)
                {
                    rr.Add(p - lastQrs);
                }

                accepted.Add(p);
                qrs.Add(h);
                lastQrs = p;
                lastSlope = s;
                pendingNoise.Clear();
            }
            else
            {
                noise.Add(h);
                pendingNoise.Add(p);
            }
        }

        return accepted;
    }

    private static double MaxSlope(double[] slope, int centre, int half)
    {
        var max = 0.0;
        var lo = Math.Max(0, centre - half);
        var hi = Math.Min(slope.Length - 1, centre + half);
        for (var i = lo; i <= hi; i++)
        {
            max = Math.Max(max, slope[i]);
        }

        return max;
    }

    private static int[] Localise(List<int> peaks, double[] bp, double fs)
    {
        var half = (int)Math.Round(0.10 * fs);
        var minGap = (int)Math.Round(0.20 * fs);
        var result = new List<int>(peaks.Count);
        foreach (var p in peaks)
        {
            var lo = Math.Max(0, p - half);
            var hi = Math.Min(bp.Length - 1, p + half);
            var best = p;
            var bestValue = -1.0;
            for (var i = lo; i <= hi; i++)
            {
                var a = Math.Abs(bp[i]);
                if (a > bestValue)
                {
                    bestValue = a;
                    best = i;
                }
            }

            if (result.Count > 0 && best - result[^1] < minGap)
            {
                continue;
            }

            result.Add(best);
        }

        return [.. result];
    }
}

namespace SensorChain.Clinical.Ecg;

/// <summary>
/// RR-interval irregularity features of one window (Dash et al. 2009 style): normalised RMSSD, turning-point ratio
/// and Shannon entropy of the RR histogram, each after trimming the most extreme intervals (ectopic beats).
/// </summary>
/// <param name="Count">RR intervals used.</param>
/// <param name="NormalisedRmssd">RMSSD divided by the mean RR.</param>
/// <param name="TurningPointRatio">Turning points over the expected count of a random series (2/3·(n−2)).</param>
/// <param name="ShannonEntropy">Entropy of a 16-bin RR histogram, normalised to [0,1].</param>
public readonly record struct RrIrregularity(int Count, double NormalisedRmssd, double TurningPointRatio, double ShannonEntropy)
{
    /// <summary>Computes the features of <paramref name="rr"/> (any unit).</summary>
    public static RrIrregularity Of(ReadOnlySpan<double> rr)
    {
        if (rr.Length < 8)
        {
            return new RrIrregularity(rr.Length, 0, 0, 0);
        }

        // Trim the two longest and two shortest intervals (ectopic beats and their compensatory pauses).
        var sorted = rr.ToArray();
        Array.Sort(sorted);
        var lo = sorted[2];
        var hi = sorted[^3];
        var kept = new List<double>(rr.Length);
        foreach (var v in rr)
        {
            if (v >= lo && v <= hi)
            {
                kept.Add(v);
            }
        }

        var n = kept.Count;
        if (n < 6)
        {
            return new RrIrregularity(n, 0, 0, 0);
        }

        double mean = 0, ss = 0;
        for (var i = 0; i < n; i++)
        {
            mean += kept[i];
        }

        mean /= n;
        for (var i = 1; i < n; i++)
        {
            var d = kept[i] - kept[i - 1];
            ss += d * d;
        }

        var rmssd = Math.Sqrt(ss / (n - 1));
        var turning = 0;
        for (var i = 1; i < n - 1; i++)
        {
            if ((kept[i] > kept[i - 1] && kept[i] > kept[i + 1]) || (kept[i] < kept[i - 1] && kept[i] < kept[i + 1]))
            {
                turning++;
            }
        }

        var tpr = turning / (2.0 * (n - 2) / 3.0);
        const int Bins = 16;
        var counts = new int[Bins];
        var range = hi - lo;
        foreach (var v in kept)
        {
            var b = range <= 0 ? 0 : Math.Min(Bins - 1, (int)((v - lo) / range * Bins));
            counts[b]++;
        }

        var entropy = 0.0;
        foreach (var c in counts)
        {
            if (c > 0)
            {
                var p = (double)c / n;
                entropy -= p * Math.Log(p);
            }
        }

        entropy /= Math.Log(Math.Min(Bins, n));
        return new RrIrregularity(n, mean > 0 ? rmssd / mean : 0, tpr, entropy);
    }

    /// <summary>True when the window looks like atrial fibrillation (irregularly irregular).</summary>
    public bool LooksLikeAtrialFibrillation(double rmssdThreshold = 0.15, double entropyThreshold = 0.75) =>
        Count >= 6 && NormalisedRmssd > rmssdThreshold && ShannonEntropy > entropyThreshold
        && TurningPointRatio is > 0.6 and < 1.35;
}

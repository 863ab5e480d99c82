namespace SensorChain.Clinical.Ecg;

/// <summary>
/// Simple ECG signal-quality index: flat or railed traces (lead-off), clipping, and the share of energy above 40 Hz
/// relative to the QRS band (muscle noise, electrode motion) decide whether a window may be analysed at all.
/// </summary>
public static class EcgSignalQuality
{
    /// <summary>Assesses a window.</summary>
    public static EcgQuality Assess(ReadOnlySpan<double> signal, double fs, bool leadOffFlag)
    {
        if (leadOffFlag)
        {
            return new EcgQuality(0, EcgQualityVerdict.LeadOff, 1, 0);
        }

        if (signal.Length < 3)
        {
            return new EcgQuality(0, EcgQualityVerdict.Noise, 0, 0);
        }

        int flat = 0, nonFinite = 0;
        double min = double.MaxValue, max = double.MinValue;
        for (var i = 1; i < signal.Length; i++)
        {
            var v = signal[i];
            if (!double.IsFinite(v))
            {
                nonFinite++;
                continue;
            }

            if (v == signal[i - 1])
            {
                flat++;
            }

            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        var flatFraction = (double)flat / (signal.Length - 1);
        if (nonFinite > signal.Length / 2 || max - min < 0.05 || flatFraction > 0.8)
        {
            return new EcgQuality(0, EcgQualityVerdict.LeadOff, flatFraction, 0);
        }

        // Energy of the band-passed QRS content versus energy above 40 Hz (second difference of the residual).
        var x = new double[signal.Length];
        var last = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            last = double.IsFinite(signal[i]) ? signal[i] : last;
            x[i] = last;
        }

        var high = (double[])x.Clone();
        var band = (double[])x.Clone();
        Biquad.HighPass(fs, 5).ForwardBackward(band);
        Biquad.LowPass(fs, 25).ForwardBackward(band);
        if (fs > 100)
        {
            Biquad.HighPass(fs, 40).ForwardBackward(high);
        }
        else
        {
            Array.Clear(high);
        }

        double eb = 0, eh = 0;
        for (var i = 0; i < x.Length; i++)
        {
            eb += band[i] * band[i];
            eh += high[i] * high[i];
        }

        var ratio = eb + eh <= 0 ? 1 : eh / (eb + eh);
        var railed = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] == max || x[i] == min)
            {
                railed++;
            }
        }

        var clipped = (double)railed / x.Length > 0.05;
        var index = Math.Clamp(1 - 2 * ratio, 0, 1) * (clipped ? 0.3 : 1);
        return new EcgQuality(index, ratio > 0.35 || clipped ? EcgQualityVerdict.Noise : EcgQualityVerdict.Good, flatFraction, ratio);
    }
}

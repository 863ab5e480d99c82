namespace SensorChain.Clinical.Ecg;

/// <summary>
/// Recognises ventricular flutter / fibrillation in the QRS detector's integrated signal. Discrete QRS complexes leave
/// the moving-window integral near zero between beats (an isoelectric segment); a flutter wave is a continuous, near
/// sinusoidal oscillation, so the integral stays high almost all the time. A 3-s window is flutter-like when the
/// integral is above 10 % of the window's maximum for at least <see cref="Occupancy"/> of its samples while the
/// detector fires at ≥ 120/min; at least <see cref="MinWindows"/> consecutive such windows (1-s steps, ≥ 5 s) make an
/// episode, extended over neighbouring windows still above 0.6 occupancy at that rate. On the shared MIT-BIH records no window outside record 207's flutter episodes meets both conditions
/// (ventricular tachycardia reached 0.77 occupancy, a lead artifact 1.0 at no detected rate).
/// </summary>
internal static class VentricularFlutterRecogniser
{
    private const double Occupancy = 0.8;
    private const double MinRatePerMinute = 120;
    private const double ExtendOccupancy = 0.6;
    private const int MinWindows = 3;
    private const double WindowSeconds = 3;

    public static List<(int Start, int End)> Find(double[] mwi, List<int> peaks, double fs)
    {
        var episodes = new List<(int Start, int End)>();
        var window = (int)Math.Round(WindowSeconds * fs);
        var step = (int)Math.Round(fs);
        if (mwi.Length < window)
        {
            return episodes;
        }

        // Occupancy of every 3-s window (1-s steps); 0 when the detector fires below 120/min there.
        var count = (mwi.Length - window) / step + 1;
        var occupancy = new double[count];
        var peakIndex = 0;
        for (var w = 0; w < count; w++)
        {
            occupancy[w] = WindowOccupancy(mwi, peaks, w * step, window, fs, ref peakIndex);
        }

        // Seed on runs of strong windows, then extend over neighbours that are still flutter-like (hysteresis).
        var w0 = 0;
        while (w0 < count)
        {
            var run = 0;
            while (w0 + run < count && occupancy[w0 + run] >= Occupancy)
            {
                run++;
            }

            if (run < MinWindows)
            {
                w0 += run + 1;
                continue;
            }

            var first = w0;
            var last = w0 + run - 1;
            while (first > 0 && occupancy[first - 1] >= ExtendOccupancy)
            {
                first--;
            }

            while (last + 1 < count && occupancy[last + 1] >= ExtendOccupancy)
            {
                last++;
            }

            var start = first * step;
            var end = last * step + window - 1;
            if (episodes.Count > 0 && start <= episodes[^1].End + 1)
            {
                episodes[^1] = (episodes[^1].Start, end);
            }
            else
            {
                episodes.Add((start, end));
            }

            w0 = last + 1;
        }

        return episodes;
    }

    public static bool Inside(List<(int Start, int End)> episodes, int sample)
    {
        foreach (var (start, end) in episodes)
        {
            if (sample >= start && sample <= end)
            {
                return true;
            }
        }

        return false;
    }

    private static double WindowOccupancy(double[] mwi, List<int> peaks, int start, int window, double fs, ref int peakIndex)
    {
        while (peakIndex < peaks.Count && peaks[peakIndex] < start)
        {
            peakIndex++;
        }

        var beats = 0;
        for (var i = peakIndex; i < peaks.Count && peaks[i] < start + window; i++)
        {
            beats++;
        }

        if (beats * 60.0 / (window / fs) < MinRatePerMinute)
        {
            return 0;
        }

        var max = 0.0;
        for (var i = start; i < start + window; i++)
        {
            max = Math.Max(max, mwi[i]);
        }

        if (max <= 0)
        {
            return 0;
        }

        var above = 0;
        for (var i = start; i < start + window; i++)
        {
            if (mwi[i] > 0.1 * max)
            {
                above++;
            }
        }

        return (double)above / window;
    }
}

namespace SensorChain.Clinical.Ecg;

/// <summary>Rhythm classification of an ECG window from its detected R peaks and its signal quality.</summary>
public static class RhythmAnalyzer
{
    /// <summary>RR intervals (seconds) between beats that fall in [start, end).</summary>
    public static double[] RrSeconds(ReadOnlySpan<int> beats, double fs, int start, int end)
    {
        var rr = new List<double>();
        var previous = -1;
        foreach (var b in beats)
        {
            if (b < start)
            {
                continue;
            }

            if (b >= end)
            {
                break;
            }

            if (previous >= 0)
            {
                rr.Add((b - previous) / fs);
            }

            previous = b;
        }

        return [.. rr];
    }

    /// <summary>Analyses one window (ideally 10–30 s) of ECG.</summary>
    /// <param name="signal">ECG samples in millivolts.</param>
    /// <param name="fs">Sampling rate (Hz).</param>
    /// <param name="leadOff">The device reported lead-off for (part of) the window.</param>
    public static EcgAnalysis Analyze(ReadOnlySpan<double> signal, double fs, bool leadOff = false)
    {
        var quality = EcgSignalQuality.Assess(signal, fs, leadOff);
        if (quality.Verdict != EcgQualityVerdict.Good)
        {
            // Lead-off and noise are reported as such, never as an arrhythmia.
            return new EcgAnalysis(quality.Verdict == EcgQualityVerdict.LeadOff ? EcgRhythm.LeadOff : EcgRhythm.Noise, double.NaN, [], [], quality);
        }

        var detection = QrsDetector.Analyze(signal, fs);
        var beats = detection.Beats;
        var rr = RrSeconds(beats, fs, 0, signal.Length);
        var seconds = signal.Length / fs;
        var flutterSeconds = detection.VentricularFlutter.Sum(e => e.End - e.Start + 1) / fs;
        if (flutterSeconds >= 5)
        {
            // Ventricular flutter / fibrillation: no discrete beats, no meaningful rate.
            return new EcgAnalysis(EcgRhythm.VentricularFlutter, double.NaN, beats, rr, quality);
        }

        if (beats.Length == 0)
        {
            return new EcgAnalysis(seconds >= 4 ? EcgRhythm.Asystole : EcgRhythm.Unknown, 0, beats, rr, quality);
        }

        var tail = (signal.Length - beats[^1]) / fs;
        var longest = Math.Max(rr.Length == 0 ? 0 : rr.Max(), tail);
        var sorted = rr.Order().ToArray();
        var heartRate = sorted.Length == 0 ? double.NaN : 60.0 / sorted[sorted.Length / 2];
        EcgRhythm rhythm;
        if (longest >= 6)
        {
            rhythm = EcgRhythm.Asystole;
        }
        else if (longest >= 3)
        {
            rhythm = EcgRhythm.Pause;
        }
        else if (rr.Length >= 8 && RrIrregularity.Of(rr).LooksLikeAtrialFibrillation())
        {
            rhythm = EcgRhythm.AtrialFibrillation;
        }
        else if (double.IsNaN(heartRate))
        {
            rhythm = EcgRhythm.Unknown;
        }
        else if (heartRate > 100)
        {
            rhythm = EcgRhythm.Tachycardia;
        }
        else if (heartRate < 50)
        {
            rhythm = EcgRhythm.Bradycardia;
        }
        else
        {
            rhythm = EcgRhythm.Regular;
        }

        return new EcgAnalysis(rhythm, heartRate, beats, rr, quality);
    }
}

namespace SensorChain.FirmwareSim.Models;

/// <summary>
/// Heartbeat timing and the ECG and PPG waveforms built on it. The cardiac phase φ(t) is a closed-form integral of
/// the heart-rate trend plus frequency modulation by respiration (respiratory sinus arrhythmia) and 0.1-Hz Mayer waves
/// (the HRV spectrum ECGSYN models, McSharry et al. 2003). Beat n's R peak is where φ = n + jitterₙ, found by Newton
/// iteration; in atrial fibrillation the jitter is ±0.3 beat, which makes RR irregularly irregular. Every beat is a
/// pure function of (seed, n), so any window can be rendered on its own.
/// </summary>
internal sealed class CardiacModel
{
    private const double TwoPi = 2 * Math.PI;
    private const double MayerHz = 0.1;
    private readonly long _seed;
    private readonly Trend _hr;
    private readonly Trend _resp;
    private readonly double _hrvScale;
    private readonly double _rsa;
    private readonly double _mayer;
    private readonly double _mayerPhase;
    private readonly double _respHz;
    private readonly double _afOnset;
    private readonly bool _af;
    private readonly double _pAmp;
    private readonly double _qAmp;
    private readonly double _rAmp;
    private readonly double _sAmp;
    private readonly double _tAmp;
    private readonly double _ptt;

    public CardiacModel(long seed, Trend heartRate, Trend respiration, int ageYears, bool atrialFibrillation, double afOnsetS)
    {
        _seed = seed;
        _hr = heartRate;
        _resp = respiration;
        _af = atrialFibrillation;
        _afOnset = afOnsetS;
        _hrvScale = heartRate.Base / 60;
        _respHz = respiration.Base / 60;
        var youth = Math.Clamp((80 - ageYears) / 60.0, 0.2, 1.0);
        _rsa = 0.045 * youth;
        _mayer = 0.02;
        double U(int i) => DeterministicNoise.Uniform(seed, Streams.Morphology, i);
        _mayerPhase = U(0) * TwoPi;
        _rAmp = 0.9 + (0.6 * U(1));
        _pAmp = 0.10 + (0.08 * U(2));
        _qAmp = -(0.06 + (0.08 * U(3)));
        _sAmp = -(0.15 + (0.2 * U(4)));
        _tAmp = 0.2 + (0.2 * U(5));
        _ptt = 0.18 + (0.06 * U(6));
    }

    /// <summary>Heart-rate trend (/min) at <paramref name="t"/>.</summary>
    public double HeartRate(double t) => _hr.Value(t);

    /// <summary>Respiratory phase in cycles.</summary>
    public double RespPhase(double t) => _resp.Integral(t) / 60;

    /// <summary>0 in sinus rhythm, 1 in established AF (1-s crossfade at the onset).</summary>
    public double AfFactor(double t) => !_af || t <= _afOnset ? 0 : Math.Min(1, t - _afOnset);

    /// <summary>Cardiac phase in beats.</summary>
    public double Phase(double t)
    {
        var rsa = -_rsa * Math.Cos(TwoPi * RespPhase(t)) / (TwoPi * _respHz);
        var mayer = -_mayer * Math.Cos((TwoPi * MayerHz * t) + _mayerPhase) / (TwoPi * MayerHz);
        return (_hr.Integral(t) / 60) + (_hrvScale * (rsa + mayer));
    }

    /// <summary>Fills <paramref name="beats"/> with every beat whose R peak lies in [from, to], in time order.</summary>
    public void FillBeats(double from, double to, List<Beat> beats)
    {
        beats.Clear();
        var first = (long)Math.Floor(Phase(from)) - 1;
        var last = (long)Math.Floor(Phase(to)) + 2;
        var guess = from;
        var previous = BeatTime(first - 1, ref guess);
        var current = BeatTime(first, ref guess);
        for (var n = first; n <= last; n++)
        {
            var next = BeatTime(n + 1, ref guess);
            if (current >= from && current <= to)
            {
                beats.Add(new Beat(n, current, current - previous, next - current));
            }

            previous = current;
            current = next;
        }
    }

    /// <summary>ECG in mV at <paramref name="t"/> from the beats around it; <paramref name="cursor"/> speeds up ordered scans.</summary>
    public double Ecg(double t, List<Beat> beats, ref int cursor)
    {
        while (cursor < beats.Count && beats[cursor].Time < t - 0.95)
        {
            cursor++;
        }

        var af = AfFactor(t);
        var v = 0.0;
        for (var i = cursor; i < beats.Count; i++)
        {
            var b = beats[i];
            var dt = t - b.Time;
            if (dt < -0.35)
            {
                break;
            }

            v += BeatEcg(dt, b.PrevRr, af);
        }

        if (af > 0)
        {
            // Fibrillatory (f) waves: ~6 Hz, wandering frequency and amplitude.
            var wobble = 0.6 * Math.Sin(TwoPi * 0.37 * t);
            v += af * (0.04 + (0.015 * Math.Sin(TwoPi * 0.23 * t))) * Math.Sin((TwoPi * 6.1 * t) + wobble);
        }

        v += 0.04 * Math.Sin(TwoPi * RespPhase(t));
        v += 0.006 * DeterministicNoise.Smooth(_seed, Streams.EcgNoise, t, 500);
        return v;
    }

    /// <summary>Normalised arterial pulse (blood volume, ~0..1 per beat) at <paramref name="t"/>.</summary>
    public double Pulse(double t, List<Beat> beats, ref int cursor)
    {
        var at = t - _ptt;
        while (cursor < beats.Count && beats[cursor].Time < at - 1.3)
        {
            cursor++;
        }

        var af = AfFactor(t);
        var meanRr = 60 / _hr.Value(t);
        var v = 0.0;
        for (var i = cursor; i < beats.Count; i++)
        {
            var b = beats[i];
            var tau = at - b.Time;
            if (tau < -0.2)
            {
                break;
            }

            var scale = Math.Clamp(Math.Sqrt(b.PrevRr / 0.85), 0.6, 1.2);
            // Frank–Starling: after a short RR the ventricle fills less, so the pulse is smaller (marked in AF).
            var amplitude = af > 0 ? 1 + (af * (Math.Clamp(b.PrevRr / meanRr, 0.5, 1.2) - 1)) : 1.0;
            // Fast systolic upstroke, slower diastolic run-off, and a dicrotic wave after the notch.
            var peak = 0.12 * scale;
            var systolic = tau < peak ? Gauss(tau, peak, 0.045 * scale, 1.0) : Gauss(tau, peak, 0.15 * scale, 1.0);
            v += amplitude * (systolic + Gauss(tau, 0.33 * scale, 0.05 * scale, 0.2));
        }

        return v;
    }

    /// <summary>R-peak time of beat <paramref name="n"/>; <paramref name="guess"/> is a nearby time and becomes the answer.</summary>
    private double BeatTime(long n, ref double guess)
    {
        var nominal = Solve(n, guess);
        var jitterAmplitude = 0.012 + (0.29 * AfFactor(nominal));
        var jitter = jitterAmplitude * ((2 * DeterministicNoise.Uniform(_seed, Streams.BeatJitter, n)) - 1);
        guess = Solve(n + jitter, nominal);
        return guess;
    }

    private double Solve(double target, double guess)
    {
        var t = guess;
        for (var i = 0; i < 20; i++)
        {
            var step = (target - Phase(t)) * 60 / _hr.Value(t);
            t += step;
            if (Math.Abs(step) < 1e-6)
            {
                break;
            }
        }

        return t;
    }

    private double BeatEcg(double dt, double rrPrev, double af)
    {
        var sq = Math.Sqrt(Math.Clamp(rrPrev, 0.3, 2.0));
        var v = Gauss(dt, -0.028, 0.009, _qAmp) + Gauss(dt, 0, 0.0105, _rAmp) + Gauss(dt, 0.028, 0.010, _sAmp);
        if (af < 1)
        {
            v += (1 - af) * Gauss(dt, -0.165 * (0.8 + (0.2 * sq)), 0.022, _pAmp);
        }

        // Bazett: QT ≈ 0.40 s × √RR; the T wave peaks ~75 ms before the end of QT.
        v += Gauss(dt, (0.40 * sq) - 0.075, 0.042 * sq, _tAmp);
        return v;
    }

    private static double Gauss(double x, double centre, double sigma, double amplitude)
    {
        var z = (x - centre) / sigma;
        return z is > 5 or < -5 ? 0 : amplitude * Math.Exp(-0.5 * z * z);
    }
}

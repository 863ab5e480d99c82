namespace SensorChain.Clinical.Detection;

/// <summary>
/// Fall detection from a body-worn accelerometer: an impact above <see cref="ImpactG"/>, a change of the gravity
/// direction of more than 45° between before and after, and lying still (low movement) afterwards.
/// </summary>
public sealed class FallDetector
{
    /// <summary>Acceleration magnitude that counts as an impact (g).</summary>
    public const double ImpactG = 2.5;

    private readonly List<(long T, double X, double Y, double Z)> _samples = [];
    private long? _pendingImpact;
    private long? _lastReportedImpact;

    /// <summary>Adds samples; returns the impact time when a fall has just been confirmed.</summary>
    public long? Add(long startUnixMs, double rateHz, ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> z)
    {
        var n = Math.Min(x.Length, Math.Min(y.Length, z.Length));
        for (var i = 0; i < n; i++)
        {
            var t = startUnixMs + (long)(i * 1000 / rateHz);
            _samples.Add((t, x[i], y[i], z[i]));
            var mag = Math.Sqrt(x[i] * x[i] + y[i] * y[i] + z[i] * z[i]);
            if (mag > ImpactG && _pendingImpact is null && (_lastReportedImpact is null || t - _lastReportedImpact.Value > 30_000))
            {
                _pendingImpact = t;
            }
        }

        if (_samples.Count == 0)
        {
            return null;
        }

        var now = _samples[^1].T;
        _samples.RemoveAll(s => s.T < now - 30_000);
        if (_pendingImpact is not { } impact || now < impact + 8_000)
        {
            return null;
        }

        _pendingImpact = null;
        var before = Mean(impact - 4_000, impact - 1_500);
        var after = Mean(impact + 2_000, impact + 8_000);
        if (before is null || after is null)
        {
            return null;
        }

        var angle = Angle(before.Value.Mean, after.Value.Mean);
        var still = after.Value.MagnitudeStd < 0.15;
        if (angle > 45 && still)
        {
            _lastReportedImpact = impact;
            return impact;
        }

        return null;
    }

    private ((double X, double Y, double Z) Mean, double MagnitudeStd)? Mean(long from, long to)
    {
        double sx = 0, sy = 0, sz = 0, sm = 0, smm = 0;
        var count = 0;
        foreach (var s in _samples)
        {
            if (s.T >= from && s.T < to)
            {
                sx += s.X;
                sy += s.Y;
                sz += s.Z;
                var m = Math.Sqrt(s.X * s.X + s.Y * s.Y + s.Z * s.Z);
                sm += m;
                smm += m * m;
                count++;
            }
        }

        if (count < 5)
        {
            return null;
        }

        var mean = sm / count;
        return ((sx / count, sy / count, sz / count), Math.Sqrt(Math.Max(0, smm / count - mean * mean)));
    }

    private static double Angle((double X, double Y, double Z) a, (double X, double Y, double Z) b)
    {
        var dot = a.X * b.X + a.Y * b.Y + a.Z * b.Z;
        var na = Math.Sqrt(a.X * a.X + a.Y * a.Y + a.Z * a.Z);
        var nb = Math.Sqrt(b.X * b.X + b.Y * b.Y + b.Z * b.Z);
        return na == 0 || nb == 0 ? 0 : Math.Acos(Math.Clamp(dot / (na * nb), -1, 1)) * 180 / Math.PI;
    }
}

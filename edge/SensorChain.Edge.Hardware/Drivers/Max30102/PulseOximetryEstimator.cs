namespace SensorChain.Edge.Hardware.Drivers.Max30102;

/// <summary>
/// Pulse rate by peak detection on the IR photoplethysmogram and SpO2 by the ratio of ratios
/// R = (AC_red/DC_red)/(AC_ir/DC_ir), SpO2 = A − B·R (empirical calibration; A = 110, B = 25 is the linear
/// approximation in Maxim application note 6409). Keeps the last <c>windowSeconds</c> of samples.
/// </summary>
public sealed class PulseOximetryEstimator
{
    /// <summary>IR DC below this (counts, 18-bit) means no finger on the sensor.</summary>
    public const double FingerOffThreshold = 50_000;

    private readonly double _sampleRateHz;
    private readonly double[] _red;
    private readonly double[] _ir;
    private readonly double[] _work;
    private int _next;
    private int _count;

    /// <summary>Creates the estimator.</summary>
    public PulseOximetryEstimator(double sampleRateHz, double windowSeconds = 8, double calibrationA = 110, double calibrationB = 25)
    {
        _sampleRateHz = sampleRateHz;
        var length = (int)Math.Round(sampleRateHz * windowSeconds);
        _red = new double[length];
        _ir = new double[length];
        _work = new double[length];
        CalibrationA = calibrationA;
        CalibrationB = calibrationB;
    }

    /// <summary>Calibration intercept A in SpO2 = A − B·R.</summary>
    public double CalibrationA { get; }

    /// <summary>Calibration slope B in SpO2 = A − B·R.</summary>
    public double CalibrationB { get; }

    /// <summary>Adds a sample.</summary>
    public void Add(PpgSample sample)
    {
        _red[_next] = sample.Red;
        _ir[_next] = sample.Ir;
        _next = (_next + 1) % _red.Length;
        _count = Math.Min(_count + 1, _red.Length);
    }

    /// <summary>Forgets all samples (after finger-off or a device fault).</summary>
    public void Clear() => _count = _next = 0;

    /// <summary>Estimates from the samples held; pulse and SpO2 are NaN until 3 s of signal with a finger on.</summary>
    public PulseOximetryEstimate Estimate()
    {
        if (_count == 0)
        {
            return new PulseOximetryEstimate(double.NaN, double.NaN, false, double.NaN);
        }

        var ir = Ordered(_ir, _work.AsSpan(0, _count));
        var dcIr = Mean(ir);
        // Finger presence from the last half second only, so removal is seen within one window.
        var recent = Math.Min(_count, Math.Max(1, (int)(_sampleRateHz / 2)));
        if (Mean(ir[(_count - recent)..]) < FingerOffThreshold)
        {
            return new PulseOximetryEstimate(double.NaN, double.NaN, false, double.NaN);
        }

        if (_count < _sampleRateHz * 3)
        {
            return new PulseOximetryEstimate(double.NaN, double.NaN, true, double.NaN);
        }

        var pulse = PulseRate(ir);
        // AC around a moving average one beat long: removes baseline wander (respiration, drift) common to both LEDs.
        var beat = double.IsNaN(pulse) ? _count : (int)Math.Round(60 * _sampleRateHz / pulse);
        var acIr = BeatDetrendedRms(ir, beat);
        var red = Ordered(_red, new double[_count]);
        var dcRed = Mean(red);
        var acRed = BeatDetrendedRms(red, beat);
        var ratio = acIr <= 0 || dcRed <= 0 ? double.NaN : acRed / dcRed / (acIr / dcIr);
        var spo2 = double.IsNaN(ratio) ? double.NaN : Math.Clamp(CalibrationA - (CalibrationB * ratio), 0, 100);
        return new PulseOximetryEstimate(pulse, spo2, true, ratio);
    }

    private Span<double> Ordered(double[] ring, Span<double> destination)
    {
        var start = (_next - _count + ring.Length) % ring.Length;
        for (var i = 0; i < _count; i++)
        {
            destination[i] = ring[(start + i) % ring.Length];
        }

        return destination;
    }

    private static double Mean(ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        foreach (var v in x)
        {
            sum += v;
        }

        return sum / x.Length;
    }

    private static double BeatDetrendedRms(ReadOnlySpan<double> x, int window)
    {
        window = Math.Clamp(window, 1, x.Length);
        if (window >= x.Length)
        {
            var mean = Mean(x);
            var total = 0.0;
            foreach (var v in x)
            {
                total += (v - mean) * (v - mean);
            }

            return Math.Sqrt(total / x.Length);
        }

        var half = window / 2;
        var running = 0.0;
        for (var i = 0; i < window; i++)
        {
            running += x[i];
        }

        var sum = 0.0;
        var n = 0;
        for (var centre = half; centre + window - half < x.Length; centre++)
        {
            var d = x[centre] - (running / window);
            sum += d * d;
            n++;
            running += x[centre - half + window] - x[centre - half];
        }

        return n == 0 ? 0 : Math.Sqrt(sum / n);
    }

    /// <summary>Peaks of the smoothed, mean-removed, inverted IR signal; rate from the first to the last peak.</summary>
    private double PulseRate(ReadOnlySpan<double> ir)
    {
        var n = ir.Length;
        var smooth = new double[n];
        var half = Math.Max(1, (int)(_sampleRateHz * 0.03));
        var mean = Mean(ir);
        for (var i = 0; i < n; i++)
        {
            var lo = Math.Max(0, i - half);
            var hi = Math.Min(n - 1, i + half);
            var sum = 0.0;
            for (var j = lo; j <= hi; j++)
            {
                sum += ir[j];
            }

            // Inverted: arterial pulses absorb light, so beats are dips in the counts.
            smooth[i] = mean - (sum / (hi - lo + 1));
        }

        var max = 0.0;
        foreach (var v in smooth)
        {
            max = Math.Max(max, v);
        }

        if (max <= 0)
        {
            return double.NaN;
        }

        var threshold = 0.4 * max;
        var minDistance = (int)(_sampleRateHz * 0.3);
        var first = double.NaN;
        var last = double.NaN;
        var peaks = 0;
        var lastIndex = -minDistance;
        for (var i = 1; i < n - 1; i++)
        {
            if (smooth[i] < threshold || smooth[i] < smooth[i - 1] || smooth[i] <= smooth[i + 1] || i - lastIndex < minDistance)
            {
                continue;
            }

            // Parabolic interpolation for a sub-sample peak position.
            var denominator = smooth[i - 1] - (2 * smooth[i]) + smooth[i + 1];
            var offset = denominator == 0 ? 0 : 0.5 * (smooth[i - 1] - smooth[i + 1]) / denominator;
            var position = i + offset;
            if (peaks == 0)
            {
                first = position;
            }

            last = position;
            lastIndex = i;
            peaks++;
        }

        return peaks < 3 ? double.NaN : 60.0 * _sampleRateHz * (peaks - 1) / (last - first);
    }
}

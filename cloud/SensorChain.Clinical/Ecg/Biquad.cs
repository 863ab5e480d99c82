namespace SensorChain.Clinical.Ecg;

/// <summary>A second-order IIR section (RBJ cookbook design), direct form II transposed.</summary>
internal readonly struct Biquad
{
    private readonly double _b0, _b1, _b2, _a1, _a2;

    private Biquad(double b0, double b1, double b2, double a0, double a1, double a2)
    {
        _b0 = b0 / a0;
        _b1 = b1 / a0;
        _b2 = b2 / a0;
        _a1 = a1 / a0;
        _a2 = a2 / a0;
    }

    /// <summary>Butterworth-Q low-pass at <paramref name="cutoffHz"/>.</summary>
    public static Biquad LowPass(double fs, double cutoffHz, double q = 0.7071)
    {
        var w = 2 * Math.PI * cutoffHz / fs;
        var alpha = Math.Sin(w) / (2 * q);
        var cos = Math.Cos(w);
        return new Biquad((1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /// <summary>Butterworth-Q high-pass at <paramref name="cutoffHz"/>.</summary>
    public static Biquad HighPass(double fs, double cutoffHz, double q = 0.7071)
    {
        var w = 2 * Math.PI * cutoffHz / fs;
        var alpha = Math.Sin(w) / (2 * q);
        var cos = Math.Cos(w);
        return new Biquad((1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /// <summary>Filters <paramref name="data"/> in place, forward; the state starts at the first sample's steady state.</summary>
    public void Forward(Span<double> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        // Steady state for a constant input x0: y0 = x0 * DC gain.
        var x0 = data[0];
        var dcGain = (_b0 + _b1 + _b2) / (1 + _a1 + _a2);
        var y0 = x0 * dcGain;
        var z1 = y0 - _b0 * x0;
        var z2 = _b2 * x0 - _a2 * y0;
        for (var i = 0; i < data.Length; i++)
        {
            var x = data[i];
            var y = _b0 * x + z1;
            z1 = _b1 * x - _a1 * y + z2;
            z2 = _b2 * x - _a2 * y;
            data[i] = y;
        }
    }

    /// <summary>Filters in place forward then backward (zero phase).</summary>
    public void ForwardBackward(Span<double> data)
    {
        Forward(data);
        data.Reverse();
        Forward(data);
        data.Reverse();
    }
}

namespace SensorChain.Edge.Hardware.Drivers.Adxl345;

/// <summary>
/// Fall detection on acceleration magnitude: a free-fall phase (|a| below 0.5 g for at least 80 ms), then an
/// impact (|a| above 2 g) within 1 s. Feed samples in order; <see cref="Add"/> returns true on the impact sample.
/// </summary>
public sealed class FallDetector
{
    private readonly double _sampleRateHz;
    private int _lowRun;
    private int _sinceFreeFall = int.MaxValue;

    /// <summary>Creates a detector for the sample rate.</summary>
    public FallDetector(double sampleRateHz) => _sampleRateHz = sampleRateHz;

    /// <summary>Falls detected so far.</summary>
    public int FallCount { get; private set; }

    /// <summary>Adds a sample; true when it completes a fall (free fall followed by impact).</summary>
    public bool Add(AccelSample sample)
    {
        var magnitude = sample.Magnitude;
        if (magnitude < 0.5)
        {
            _lowRun++;
            if (_lowRun >= Math.Max(2, (int)Math.Ceiling(0.08 * _sampleRateHz)))
            {
                _sinceFreeFall = 0;
            }

            return false;
        }

        _lowRun = 0;
        if (_sinceFreeFall != int.MaxValue)
        {
            _sinceFreeFall++;
            if (magnitude > 2.0)
            {
                _sinceFreeFall = int.MaxValue;
                FallCount++;
                return true;
            }

            if (_sinceFreeFall > _sampleRateHz)
            {
                _sinceFreeFall = int.MaxValue;
            }
        }

        return false;
    }
}
